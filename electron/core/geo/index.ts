/** Offline geography: place names in Chinese and Latin forms to canonical names and centres. */
export {
  locatePlace,
  resolveCity,
  resolveCountry,
  resolveProvince,
  type LocatedPlace,
  type PlaceInput,
} from './locate';
export {
  gazetteer,
  fold,
  type CityEntry,
  type CountryEntry,
  type ProvinceEntry,
} from './gazetteer';
export { parseAddress, type ParsedAddress } from './parse-address';
export { divisions, type Division, type DivisionLevel } from './divisions';
