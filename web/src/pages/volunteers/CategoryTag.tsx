import { Tag } from 'antd';

/** A service category, in its colour when it has one. */
export function CategoryTag({ name, colour }: { name: string; colour?: string | null }) {
  if (!name) return null;
  return (
    // The colour marks the tag's edge; its words stay dark on light (a light tint of the category
    // colour with the colour itself as text fell to 2.4:1 for orange).
    <Tag
      className="vs-category-tag"
      style={colour ? { borderInlineStart: `4px solid ${colour}` } : undefined}
    >
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
