package dev.agentruntime.worker.storage;

import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.S3Clients;
import dev.agentruntime.storage.S3Config;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The S3 (MinIO) object store the worker keeps run data in. */
public class ObjectStoreProducer {

  @Produces
  @Singleton
  ObjectStore objectStore(S3Config config) {
    return S3Clients.objectStore(config);
  }
}
