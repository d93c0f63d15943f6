/** Cytoscape and its extensions, registered once (they patch Cytoscape globally). */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import navigator from 'cytoscape-navigator';
import 'cytoscape-navigator/cytoscape.js-navigator.css';

let registered = false;
export function cy(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(fcose);
    cytoscape.use(svg);
    navigator(cytoscape);
    registered = true;
  }
  return cytoscape;
}
