package dev.agentruntime.api.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The rules of a run request between its fields, which its record's annotations cannot give (part
 * of {@link SchemaRulesFilter}): the agent by exactly one of id and name, a version or an alias, a
 * routing key only with an alias. Request bodies of runs and replays share them.
 */
final class RunRequestSchemas {

  private RunRequestSchemas() {}

  /**
   * {@code RunAdmissionService} refuses a request naming both or neither of agentId and agentName.
   */
  static void createRun(Schema createRun) {
    if (createRun == null) {
      return;
    }
    createRun.setOneOf(List.of(presentAndNotNull("agentId"), presentAndNotNull("agentName")));
    createRun.setNot(versionAndAliasClash());
    createRun.setDescription(
        "Names the agent by exactly one of `agentId` and `agentName`; runs `version`, the version"
            + " `alias` points at (not both), or the latest version when both are absent or null."
            + " `routingKey` only with `alias`.");
  }

  /** A replay names its version like a run does: {@link #versionAndAliasClash} refused. */
  static void replay(Schema replay) {
    if (replay == null) {
      return;
    }
    replay.setNot(versionAndAliasClash());
    replay.setDescription(
        "Runs the source's input on `version`, on the version `alias` resolves to (not both), or"
            + " on the latest when both are absent or null. `routingKey` only with `alias`.");
  }

  /**
   * What {@code RunAdmissionService} and {@code RunReplays} refuse: both a version and an alias, or
   * a routing key without an alias (null counts as absent).
   */
  private static Schema versionAndAliasClash() {
    Schema bothVersionAndAlias =
        OASFactory.createSchema()
            .addRequired("version")
            .addRequired("alias")
            .addProperty("version", OASFactory.createSchema().addType(SchemaType.INTEGER))
            .addProperty("alias", OASFactory.createSchema().addType(SchemaType.STRING));
    Schema routingKeyWithoutAlias = presentAndNotNull("routingKey").not(presentAndNotNull("alias"));
    return OASFactory.createSchema().anyOf(List.of(bothVersionAndAlias, routingKeyWithoutAlias));
  }

  private static Schema presentAndNotNull(String field) {
    return OASFactory.createSchema()
        .addRequired(field)
        .addProperty(field, OASFactory.createSchema().addType(SchemaType.STRING));
  }
}
