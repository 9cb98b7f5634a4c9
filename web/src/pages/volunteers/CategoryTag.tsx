import { Tag } from 'antd';

/** A service category, in its colour when it has one. */
export function CategoryTag({ name, colour }: { name: string; colour?: string | null }) {
  if (!name) return null;
  return (
    <Tag className="vs-category-tag" color={colour ?? 'blue'}>
      {name}
    </Tag>
  );
}

/** A round colour swatch (the 彩虹 sub-teams are known by colour). */
export function ColourDot({ colour, label }: { colour: string | null; label: string }) {
  if (!colour) return null;
  return (
    <span className="vs-colour-dot" style={{ background: colour }} role="img" aria-label={label} />
  );
}
