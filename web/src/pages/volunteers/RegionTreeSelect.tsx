import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegion, fetchRegionChildren } from '../../api/regions';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/**
 * Any region at or below `rootCode` (a district, a street, a community…), loaded level by level.
 * A Form.Item control; `allowClear` for filters.
 */
export function RegionTreeSelect({
  rootCode,
  value,
  onChange,
  id,
  allowClear,
  testId,
}: {
  rootCode: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    let alive = true;
    void fetchRegion(rootCode).then((detail) => {
      const root = detail.path[detail.path.length - 1];
      if (!alive || !root) return;
      setNodes([
        { id: root.code, pId: null, value: root.code, title: root.name, isLeaf: false },
        ...detail.children.map((c) => ({
          id: c.code,
          pId: root.code,
          value: c.code,
          title: c.name,
          isLeaf: c.childCount === 0,
        })),
      ]);
    });
    return () => {
      alive = false;
    };
  }, [rootCode]);

  const loadData = async (node: { value?: unknown }) => {
    const code = String(node.value);
    if (nodes.some((n) => n.pId === code)) return;
    const children = await fetchRegionChildren(code);
    setNodes((prev) => [
      ...prev,
      ...children
        .filter((c) => !prev.some((p) => p.id === c.code))
        .map((c) => ({
          id: c.code,
          pId: code,
          value: c.code,
          title: c.name,
          isLeaf: c.childCount === 0,
        })),
    ]);
  };

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      className="vs-region-select"
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      placeholder={t('volunteers.region.placeholder')}
      // Outside a Form.Item (a filter) no <label> names it: its placeholder does.
      aria-label={id ? undefined : t('volunteers.region.placeholder')}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={[rootCode]}
    />
  );
}
