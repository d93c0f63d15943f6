/** Cytoscape and its extensions, registered once (they patch Cytoscape globally). */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';

let registered = false;
export function cy(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(fcose);
    cytoscape.use(svg);
    registered = true;
  }
  return cytoscape;
}
