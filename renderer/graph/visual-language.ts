/**
 * The app graph's Cytoscape stylesheet, built from the one visual language in
 * `shared/graph/visual-language.ts` (the PDF figure and the review pack use the same one):
 * shape and colour by entity type, ring members outlined, suppressed hubs greyed and dashed.
 * Labels are drawn only on nodes the declutter pass chose (`labelled`), at a font size it
 * sets per zoom so they stay readable on screen (see labels.ts).
 */
import type cytoscape from 'cytoscape';
import {
  EDGE_KIND_VISUAL,
  ROLE_VISUAL,
  TYPE_VISUAL,
  visualOf,
} from '../../shared/graph/visual-language';
import { visibleControls } from '../../shared/visible-controls';

/** The shapes and colours come from the one module shared with the PDF figure and the review pack. */
export const TYPE_STYLE = TYPE_VISUAL;
export const styleOf = visualOf;

/** Label font: the system's sans-serif and its CJK face, so Chinese renders with real glyphs. */
export const LABEL_FONT =
  "'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/** The per-element data the stylesheet maps (computed once when elements are added). */
export function nodeVisual(
  type: string,
  label: string,
): { shape: string; color: string; display: string } {
  const s = styleOf(type);
  // Control and bidi characters are shown, never obeyed: "‮gnp.exe" must not read "exe.png".
  const shown = visibleControls(label);
  // Shape and colour carry the type; no emoji glyphs in labels (an offline laptop may have no emoji font).
  return {
    shape: s.shape,
    color: s.color,
    display: shown.length > 28 ? `${shown.slice(0, 27)}…` : shown,
  };
}
export function edgeVisual(
  type: string,
  number: number,
  probability?: number,
): { display: string } {
  if (type === 'probable_match' && probability !== undefined)
    return { display: `probable match ${Math.floor(probability * 1000) / 10}%` };
  return { display: `${number ? `${number}. ` : ''}${type.replace(/_/g, ' ')}` };
}

/** Drawn node sizes (model units): ring members are drawn larger. */
export const NODE_SIZE = 26;
export const MEMBER_SIZE = 32;

export function stylesheet(big = false): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        // Data mappers, not functions: Cytoscape evaluates functions per element per render.
        shape: 'data(shape)',
        'background-color': 'data(color)',
        'text-valign': 'bottom',
        'font-family': LABEL_FONT,
        color: '#1b2631',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        width: NODE_SIZE,
        height: NODE_SIZE,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    { selector: 'node.labelled', style: { label: 'data(display)', 'font-size': 'data(fs)' } },
    {
      selector: 'edge.labelled',
      style: { label: 'data(display)', 'font-size': 'data(fs)', 'font-family': LABEL_FONT },
    },
    {
      selector: 'node[role = "member"]',
      style: {
        'border-width': ROLE_VISUAL.member.borderWidth,
        'border-color': ROLE_VISUAL.member.borderColor,
        width: MEMBER_SIZE,
        height: MEMBER_SIZE,
      },
    },
    {
      selector: 'node[role = "identifier"]',
      style: {
        'border-width': ROLE_VISUAL.identifier.borderWidth,
        'border-color': ROLE_VISUAL.identifier.borderColor,
      },
    },
    {
      selector: 'node[role = "hub"]',
      style: {
        'background-color': ROLE_VISUAL.hub.fill,
        'border-style': 'dashed',
        'border-width': 2,
        'border-color': ROLE_VISUAL.hub.borderColor,
      },
    },
    {
      selector: 'node:parent',
      style: {
        shape: 'round-rectangle',
        'background-color': '#eaf2f8',
        'background-opacity': 0.6,
        'border-width': 1,
        'border-color': '#5d6d7e',
        label: 'data(display)',
        'text-valign': 'top',
        'font-size': 'data(fs)',
      },
    },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 4 } },
    {
      selector: 'node:selected',
      style: { 'overlay-color': '#f4d03f', 'overlay-opacity': 0.45, 'overlay-padding': 6 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': '#85929e',
        'target-arrow-color': '#85929e',
        'arrow-scale': 0.8,
        'curve-style': 'straight',
        'target-arrow-shape': 'triangle',
        color: '#424949',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
      },
    },
    // Thousands of links: haystack lines without arrows, the cheapest edges Cytoscape draws.
    ...(big
      ? [{ selector: 'edge', style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none' } }]
      : []),
    { selector: 'edge[hub = 1]', style: { 'line-style': 'dashed', 'line-color': '#b2babb' } },
    {
      selector: 'edge[type = "probable_match"]',
      style: {
        'line-style': EDGE_KIND_VISUAL.probable_match.lineStyle,
        'line-dash-pattern': [8, 5],
        'line-color': EDGE_KIND_VISUAL.probable_match.color,
        'target-arrow-shape': 'none',
        width: 2.4,
      },
    },
    {
      selector: 'edge.on-path',
      style: { 'line-color': '#c0392b', 'target-arrow-color': '#c0392b', width: 4, 'z-index': 10 },
    },
    { selector: 'node.on-path', style: { 'border-color': '#c0392b', 'border-width': 4 } },
    {
      selector: 'node.path-end',
      style: {
        'border-color': '#c0392b',
        'border-width': 6,
        'overlay-color': '#c0392b',
        'overlay-opacity': 0.25,
        'overlay-padding': 8,
        'z-index': 20,
      },
    },
    { selector: '.faded', style: { opacity: 0.18 } },
    {
      selector: 'edge.shares-photo',
      style: {
        'line-color': '#c2185b',
        width: 3,
        'curve-style': 'bezier',
        'target-arrow-shape': 'none',
      },
    },
    { selector: '.photo-folded', style: { display: 'none' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.hidden-type', style: { display: 'none' } },
  ] as unknown as cytoscape.StylesheetJson;
}
