package dev.agentruntime.core.run;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a run came from when it is not new: a fork of another run of the same agent from one of its
 * steps, or a replay of another run's input (docs/api.md#forking-a-run, #replaying-a-run).
 *
 * @param forkStep for a fork, the first step that runs live (steps before it are taken from the
 *     source); null for a replay
 */
public record RunSource(UUID runId, Kind kind, Integer forkStep) {

  /** The lineage kinds, as stored in {@code run.source_kind}. */
  public enum Kind {
    FORK("fork"),
    REPLAY("replay");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Kind fromWire(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown run source kind '" + name + "'");
    }
  }

  public RunSource {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.FORK) != (forkStep != null)) {
      throw new IllegalArgumentException("a fork, and only a fork, names its first live step");
    }
    if (forkStep != null && forkStep < 1) {
      throw new IllegalArgumentException("steps are numbered from 1");
    }
  }

  public static RunSource fork(UUID runId, int fromStep) {
    return new RunSource(runId, Kind.FORK, fromStep);
  }

  public static RunSource replay(UUID runId) {
    return new RunSource(runId, Kind.REPLAY, null);
  }
}
