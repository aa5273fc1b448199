package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;

/**
 * The flat JSON of {@link ToolCallCompleted}: Jackson cannot unwrap a polymorphic field, so the
 * call's fields and its effect's are written into one object here, and read back by taking the
 * call's fields out and deducing the effect from the fields that remain.
 */
final class ToolCallCompletedJson {

  private ToolCallCompletedJson() {}

  /** The fields every completed call has, whatever its tool. */
  private record Call(int step, int index, String tool, String callId) {}

  static final class Writer extends JsonSerializer<ToolCallCompleted> {
    @Override
    public void serialize(ToolCallCompleted value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      provider
          .findValueSerializer(Call.class)
          .unwrappingSerializer(NameTransformer.NOP)
          .serialize(
              new Call(value.step(), value.index(), value.tool(), value.callId()), gen, provider);
      provider
          .findValueSerializer(value.effect().getClass())
          .unwrappingSerializer(NameTransformer.NOP)
          .serialize(value.effect(), gen, provider);
      gen.writeEndObject();
    }
  }

  static final class Reader extends JsonDeserializer<ToolCallCompleted> {
    @Override
    public ToolCallCompleted deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      if (!tree.isObject()) {
        return context.reportInputMismatch(
            ToolCallCompleted.class, "tool.call.completed must be an object");
      }
      ObjectNode effect = ((ObjectNode) tree).deepCopy();
      ObjectNode call = effect.objectNode();
      for (String field : new String[] {"step", "index", "tool", "callId"}) {
        JsonNode value = effect.remove(field);
        if (value != null) {
          call.set(field, value);
        }
      }
      Call read = context.readTreeAsValue(call, Call.class);
      if (effect.isEmpty()) {
        return context.reportInputMismatch(
            ToolCallCompleted.class, "tool.call.completed has no fields of a tool's effect");
      }
      ToolCallCompleted.Effect done =
          context.readTreeAsValue(effect, ToolCallCompleted.Effect.class);
      return new ToolCallCompleted(read.step(), read.index(), read.tool(), read.callId(), done);
    }
  }
}
