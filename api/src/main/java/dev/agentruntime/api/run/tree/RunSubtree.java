package dev.agentruntime.api.run.tree;

/**
 * The SQL that names a run and every run below it, for the queries that show a tree: a common table
 * expression {@code subtree(id)} over the parameters {@code ?1} (the tenant) and {@code ?2} (the
 * run). One place, so the tree and the approvals of a tree always agree on which runs it holds.
 */
public final class RunSubtree {

  /**
   * A root's tree is one range of the {@code (tenant_id, root_run_id)} index: every run below it
   * carries its id (V11).
   */
  private static final String OF_ROOT =
      "with subtree(id) as (select id from run where tenant_id = ?1"
          + " and (id = ?2 or root_run_id = ?2))";

  /**
   * A run inside a tree shares its root with its siblings and their children, so its own subtree is
   * followed down the parent links; at most {@code LimitsSpec.MAX_DEPTH} levels.
   */
  private static final String OF_DESCENDANT =
      "with recursive subtree(id) as (select id from run where tenant_id = ?1 and id = ?2"
          + " union all"
          + " select c.id from run c join subtree s on c.parent_run_id = s.id"
          + " where c.tenant_id = ?1)";

  private RunSubtree() {}

  /**
   * @param root whether the run is a root (has no parent)
   */
  public static String cte(boolean root) {
    return root ? OF_ROOT : OF_DESCENDANT;
  }
}
