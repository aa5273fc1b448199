"""The committed models are what the generator makes from the API's OpenAPI document, so an API
change cannot leave the SDK behind unnoticed."""

import sys
from pathlib import Path

SDK = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SDK / "tools"))

import generate_models  # noqa: E402


def test_the_committed_models_are_what_the_document_generates():
    assert generate_models.DOCUMENT.is_file(), f"the OpenAPI document is not at {generate_models.DOCUMENT}"
    committed = generate_models.MODELS.read_text(encoding="utf-8")
    assert committed == generate_models.generate(), (
        "src/agent_runtime/models.py differs from what client/src/main/openapi/agent-runtime-api.json "
        "generates: run clients/python/generate.sh and commit the result"
    )


def test_every_event_type_of_the_document_has_a_typed_event_model():
    import json

    from agent_runtime import events, models

    document = json.loads(generate_models.DOCUMENT.read_text(encoding="utf-8"))
    mapping = document["components"]["schemas"]["RunEventResponse"]["discriminator"]["mapping"]
    for type_name, ref in mapping.items():
        model = getattr(models, ref.rsplit("/", 1)[1])
        assert model in events.RunEvent.__args__
        assert model.model_fields["type"].annotation.__args__ == (type_name,)
