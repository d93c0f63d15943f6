// Imported rather than read from disk: a built CLI or app lives at another depth than the
// sources, and the version must not depend on where the code runs from.
import pkg from '../../package.json' with { type: 'json' };

/** Ringlens' version, as printed in analysis records, packets and certifications. */
export const CODE_VERSION: string = pkg.version;
