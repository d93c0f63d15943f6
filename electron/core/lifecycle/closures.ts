/**
 * Where the locations closed by raids are, for the map: the address of the graph entity an
 * outcome is tied to when there is one, else the place names found in the address text
 * (Chinese or Latin, e.g. "Hanjiang workshop, 莆田市, 福建省" or "Putian, Fujian").
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ClosedLocation, OutcomeInput } from '../../../shared/lifecycle/schemas';
import {
  gazetteer,
  locatePlace,
  resolveCity,
  resolveCountry,
  resolveProvince,
  type LocatedPlace,
} from '../geo';
import { listOutcomes } from './outcomes';

type AddressLike = { country?: string; province?: string; city?: string };

/** The place named in free text: a city (checked against a province named alongside it), else a province, else a country. */
export function placeInText(text: string): LocatedPlace | undefined {
  const parts = text
    .split(/[,，;；/|\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const province =
    parts.map((p) => resolveProvince(p)).find(Boolean) ??
    gazetteer().provinces.find((p) => text.includes(p.zh));
  const cityPart =
    parts.map((p) => resolveCity(p, province)).find(Boolean) ??
    gazetteer().cities.find(
      (c) =>
        (!province || c.province === province.en) &&
        (text.includes(c.zhFull) || (c.zh.length > 1 && text.includes(c.zh))),
    );
  if (cityPart) return locatePlace({ province: cityPart.province, city: cityPart.zhFull });
  if (province) return locatePlace({ province: province.en });
  const country = parts.map((p) => resolveCountry(p)).find(Boolean);
  return country ? locatePlace({ country: country.code }) : undefined;
}

export function closedLocations(db: Database): ClosedLocation[] {
  const addressOf = db
    .prepare(`SELECT json_extract(props, '$.address') FROM entities WHERE key = ?`)
    .pluck();
  return listOutcomes(db)
    .map((o) => o.data)
    .filter(
      (d): d is Extract<OutcomeInput, { kind: 'location_closed' }> => d.kind === 'location_closed',
    )
    .map((d) => {
      const raw = d.entityKey
        ? (addressOf.get(d.entityKey) as string | null | undefined)
        : undefined;
      const address = raw ? (JSON.parse(raw) as AddressLike) : undefined;
      const place = (address && locatePlace(address)) ?? placeInText(d.address);
      return {
        outcomeId: d.id!,
        subject: d.subject,
        date: d.date,
        locationType: d.locationType,
        address: d.address,
        entityKey: d.entityKey ?? null,
        place: place
          ? {
              country: place.country,
              province: place.province ?? null,
              provinceZh: place.provinceZh ?? null,
              city: place.city ?? null,
              cityZh: place.cityZh ?? null,
              precision: place.precision,
              lon: place.lon,
              lat: place.lat,
            }
          : null,
      };
    });
}
