package dev.agentruntime.api.run;

import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.S3Clients;
import dev.agentruntime.storage.S3Config;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The object store the worker writes run data to, which the API reads artifacts from. The API never
 * creates the bucket: it only reads what the worker wrote.
 */
public class ObjectStoreProducer {

  @Produces
  @Singleton
  ObjectStore objectStore(S3Config config) {
    return S3Clients.objectStore(config);
  }
}
