package dev.agentruntime.worker.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The egress client asks it exactly once per hop and connects
 * only to the addresses it answered, so tests can plug in a fake or rebinding resolver to prove it.
 */
@FunctionalInterface
public interface HostResolver {

  /** The system resolver ({@link InetAddress#getAllByName}). */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * The addresses of {@code host}, never empty.
   *
   * @throws UnknownHostException when the host has no address
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
