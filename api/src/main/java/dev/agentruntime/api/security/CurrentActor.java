package dev.agentruntime.api.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject of the token, as recorded in the audit trail of control actions. */
@RequestScoped
public class CurrentActor {

  /** Recorded when a token names no subject, which a conforming issuer never does. */
  static final String UNNAMED = "(no subject)";

  private final JsonWebToken token;

  public CurrentActor(JsonWebToken token) {
    this.token = token;
  }

  public String subject() {
    String subject = token.getSubject();
    return subject == null || subject.isBlank() ? UNNAMED : subject;
  }
}
