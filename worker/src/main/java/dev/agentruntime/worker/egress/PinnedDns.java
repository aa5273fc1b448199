package dev.agentruntime.worker.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's address lookup for one hop: it answers only for the hop's host, only with the addresses
 * the egress client already checked, and never asks DNS again. OkHttp's pool keys connections by
 * their Dns among the rest, and two instances are equal only for the same host and the same checked
 * addresses: a pooled connection is reused only where this call's check would have connected.
 */
record PinnedDns(String host, List<InetAddress> addresses) implements Dns {

  PinnedDns {
    addresses = List.copyOf(addresses);
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (!hostname.equalsIgnoreCase(host)) {
      throw new UnknownHostException(hostname + " is not the checked host " + host);
    }
    return addresses;
  }
}
