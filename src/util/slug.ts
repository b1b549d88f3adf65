// File names made from text in input files (organisation names): only [a-z0-9-], so a
// name can never leave the output folder, hide a file, or be a device name.

const MAX_LENGTH = 60;
const RESERVED = new Set(['con', 'prn', 'aux', 'nul', 'com1', 'com2', 'com3', 'com4', 'lpt1', 'lpt2', 'lpt3']);

export function slug(text: string, fallback = 'organisation'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Bromley-by-Bow Cafe" not "Bromley-by-Bow Caf-"
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
  return s && !RESERVED.has(s) ? s : fallback;
}
