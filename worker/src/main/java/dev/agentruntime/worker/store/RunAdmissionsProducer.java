package dev.agentruntime.worker.store;

import dev.agentruntime.core.run.RunAdmissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** The worker's handle on the one admission path: a parent run admits its children through it. */
@ApplicationScoped
public class RunAdmissionsProducer {

  /** A singleton: {@link RunAdmissions} is final and holds nothing but the pool. */
  @Produces
  @Singleton
  RunAdmissions runAdmissions(DataSource dataSource) {
    return new RunAdmissions(dataSource);
  }
}
