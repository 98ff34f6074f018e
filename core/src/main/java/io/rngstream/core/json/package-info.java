/** A minimal JSON reader and string quoting for the small documents core reads and writes (the key list, a reply). */
// Deliberately tiny: a JSON library would be a large dependency for two flat documents. Imports nothing but java.*.
package io.rngstream.core.json;
