package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Model providers the built-in loop can call. */
public enum ModelProvider {
  /** Any OpenAI-compatible chat completions endpoint (OpenAI, vLLM, LM Studio, LiteLLM, ...). */
  @JsonProperty("openai")
  OPENAI,
  /** A local or remote Ollama server. */
  @JsonProperty("ollama")
  OLLAMA,
  /** Anthropic's Messages API. */
  @JsonProperty("anthropic")
  ANTHROPIC,
  /**
   * An offline, scripted model for demos and first tries: it writes the run's input to an artifact
   * with the first tool it is offered, then answers. It is not an LLM and makes no network calls.
   */
  @JsonProperty("demo")
  DEMO
}
