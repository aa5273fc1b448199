package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON factory whose parsers refuse what cannot be kept exactly: bytes that are not UTF-8
 * (Jackson alone lets CESU-8 surrogates through), and, through {@link InteroperableJsonParser},
 * numbers, strings and keys outside I-JSON (RFC 7493).
 */
public class InteroperableJsonFactory extends MappingJsonFactory {

  public InteroperableJsonFactory() {
    super();
  }

  private InteroperableJsonFactory(InteroperableJsonFactory source) {
    super(source, null);
  }

  @Override
  public JsonFactory copy() {
    return new InteroperableJsonFactory(this);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    byte[] bytes = in.readAllBytes();
    return _createParser(bytes, 0, bytes.length, context);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context)
      throws IOException {
    JsonParser parser = super._createParser(data, offset, len, context);
    requireUtf8(parser, data, offset, len);
    return new InteroperableJsonParser(parser);
  }

  @Override
  protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
    return new InteroperableJsonParser(super._createParser(reader, context));
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int len, IOContext context, boolean recyclable) throws IOException {
    return new InteroperableJsonParser(super._createParser(data, offset, len, context, recyclable));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
    return new InteroperableJsonParser(super._createParser(input, context));
  }

  /**
   * JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); Java's decoder also refuses
   * encoded surrogates and overlong forms, which Jackson's byte parser would decode silently.
   */
  private static void requireUtf8(JsonParser parser, byte[] data, int offset, int len)
      throws NonInteroperableJsonException {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, offset, len));
    } catch (CharacterCodingException e) {
      throw new NonInteroperableJsonException(parser, "", "is not valid UTF-8");
    }
  }
}
