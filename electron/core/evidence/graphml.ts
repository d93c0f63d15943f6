/** The ring figure as GraphML (Gephi, Cytoscape desktop), with types, labels and edge numbers. */
import type { Figure } from './figure';
import { xmlText } from '../util/xml-text';

// Only characters XML 1.0 allows, so networkx and Gephi can read every file (util/xml-text.ts).
const esc = xmlText;

export function graphml(f: Figure): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="code" for="node" attr.name="code" attr.type="string"/>',
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
    '  <key id="linktype" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="number" for="edge" attr.name="number" attr.type="int"/>',
    '  <graph id="ring" edgedefault="directed">',
    ...f.nodes.map(
      (n) =>
        `    <node id="${esc(n.id)}"><data key="label">${esc(n.label)}</data><data key="type">${esc(n.type)}</data><data key="code">${esc(n.code)}</data><data key="x">${n.x.toFixed(3)}</data><data key="y">${n.y.toFixed(3)}</data></node>`,
    ),
    ...f.edges.map(
      (e) =>
        `    <edge id="e${e.n}" source="${esc(e.from)}" target="${esc(e.to)}"><data key="linktype">${esc(e.type)}</data><data key="number">${e.n}</data></edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}
