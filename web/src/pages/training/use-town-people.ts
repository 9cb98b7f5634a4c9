import { listColleagues } from '../../api/first-response';
import { listCatalog } from '../../api/catalog';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';

/** The staff a town officer may name (colleagues in reach, and themselves) and the catalog items. */
export function useTownPeople() {
  const me = useMe();
  const people = useAsync(async (signal) => {
    const list = await listColleagues(signal);
    return [
      { id: me.id, displayName: me.displayName, stationName: null as string | null },
      ...list.filter((c) => c.role !== 'district_officer'),
    ];
  }, me.id);
  const items = useAsync((signal) => listCatalog({ limit: 200, offset: 0 }, signal), 'items');
  return {
    people: people.data ?? [],
    items: (items.data?.items ?? []).map((i) => ({ code: i.code, name: i.name })),
  };
}
