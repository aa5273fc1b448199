package dev.agentruntime.worker.tool.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's address lookup for one hop: it answers only for the hop's host, only with the addresses
 * the egress client already checked, and never asks DNS again. A fresh instance per hop also keeps
 * OkHttp from sharing a connection between hops (its pool keys connections by their Dns).
 */
final class PinnedDns implements Dns {
  private final String host;
  private final List<InetAddress> addresses;

  PinnedDns(String host, List<InetAddress> addresses) {
    this.host = host;
    this.addresses = addresses;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (!hostname.equalsIgnoreCase(host)) {
      throw new UnknownHostException(hostname + " is not the checked host " + host);
    }
    return addresses;
  }
}
