// cytoscape-fcose and cytoscape-svg ship no types; both are registered as plain extensions.
declare module 'cytoscape-fcose' {
  const ext: import('cytoscape').Ext;
  export default ext;
}
declare module 'cytoscape-svg' {
  const ext: import('cytoscape').Ext;
  export default ext;
}
declare module 'cytoscape-navigator' {
  const register: (cy: typeof import('cytoscape')) => void;
  export default register;
}
