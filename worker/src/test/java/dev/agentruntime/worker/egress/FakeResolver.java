package dev.agentruntime.worker.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS stand-in: each host answers its scripted address lists in turn (the last one repeats), and
 * every question is counted, so a test can rebind a name and see how often it was asked.
 */
final class FakeResolver implements HostResolver {

  private final Map<String, List<List<InetAddress>>> answers = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  /** {@code host} answers {@code addresses} (IP literals) from now on. */
  FakeResolver answer(String host, String... addresses) {
    answers.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(literals(addresses));
    return this;
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    int question = (int) asked.stream().filter(host::equals).count();
    asked.add(host);
    List<List<InetAddress>> scripted = answers.get(host);
    if (scripted == null) {
      throw new UnknownHostException(host);
    }
    return scripted.get(Math.min(question, scripted.size() - 1));
  }

  /** How many times {@code host} was resolved. */
  long asked(String host) {
    return asked.stream().filter(host::equals).count();
  }

  /** Every question, in order. */
  List<String> asked() {
    return List.copyOf(asked);
  }

  private static List<InetAddress> literals(String... addresses) {
    List<InetAddress> out = new ArrayList<>();
    for (String address : addresses) {
      try {
        out.add(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(address, e);
      }
    }
    return out;
  }
}
