"""Structural tests of docker/compose.yml, on the model Docker Compose v2 resolves (`config`).

Run by scripts/check-containers.sh with COMPOSE_BIN naming the docker-compose binary. They hold the
compose file to what docs/deployment.md promises: every image pinned, every long-running service
healthchecked, start-up ordered by conditions, one-shot jobs never restarted, only the gateway
published by default and every other port opt-in (docker/ports/), no host-port clash (also with
every opt-in port, the Langfuse overlay and the ollama profile), host ports bound to BIND_ADDRESS,
placeholders of .env.example refused by the preflight job every service waits for, Redis behind a
password, the master key mounted into the API and the worker, the gateway's upstream and the API's
issuer matching the services they name, the worker scalable.
"""

import json
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

DOCKER = Path(__file__).resolve().parent.parent
REPO = DOCKER.parent
ONE_SHOT = {"preflight", "minio-init", "temporal-schema", "temporal-namespace", "langfuse-init"}
# Each opt-in port file and the one service it publishes.
PORT_FILES = {
    "api.yml": "api",
    "keycloak.yml": "keycloak",
    "temporal.yml": "temporal",
    "temporal-ui.yml": "temporal-ui",
    "minio.yml": "minio",
    "ollama.yml": "ollama",
    "langfuse.yml": "langfuse-web",
}
# What the local run opts in to (docker/local/run-stack.sh: the demo calls these directly).
LOCAL_PORT_FILES = ("api.yml", "keycloak.yml", "minio.yml", "temporal.yml")
MASTER_KEYS = "/etc/agent-runtime/master-keys"


def resolved(*files, profiles=(), env_file=DOCKER / ".env.example"):
    command = [os.environ["COMPOSE_BIN"]]
    for name in files:
        command += ["-f", str(DOCKER / name)]
    for profile in profiles:
        command += ["--profile", profile]
    command += ["--env-file", str(env_file), "config", "--format", "json"]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def env_example():
    """The settings of .env.example, by name."""
    values = {}
    for line in (DOCKER / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def is_placeholder(value):
    return "change-me" in value.lower() or (len(value) >= 16 and not value.strip("0"))


def every_port_file():
    return [f"ports/{name}" for name in sorted(PORT_FILES)]


def published(services):
    return {name for name, service in services.items() if service.get("ports")}


def waits_for(services, name, dependency):
    """Whether `name` starts only after `dependency`, directly or through other services."""
    seen, todo = set(), [name]
    while todo:
        for after in services[todo.pop()].get("depends_on", {}):
            if after == dependency:
                return True
            if after not in seen:
                seen.add(after)
                todo.append(after)
    return False


def seconds(duration):
    """Seconds of a Go duration as `config` prints it (1m0s, 45s)."""
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", duration)
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


class ComposeFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = resolved("compose.yml", profiles=("ollama",))
        cls.services = cls.stack["services"]
        cls.with_langfuse = resolved("compose.yml", "compose.langfuse.yml", profiles=("ollama",))
        cls.every_port = resolved("compose.yml", "compose.langfuse.yml", *every_port_file(),
                                  profiles=("ollama",))

    def test_the_issue_s_services_are_all_there(self):
        self.assertLessEqual(
            {"postgres", "redis", "minio", "minio-init", "temporal-schema", "temporal",
             "temporal-namespace", "temporal-ui", "keycloak", "kong", "api", "worker", "ollama"},
            set(self.services))

    def test_every_image_is_pinned_to_a_version(self):
        for stack in (self.stack, self.with_langfuse):
            for name, service in stack["services"].items():
                image = service["image"]
                tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
                self.assertRegex(tag, r"\d", f"{name}: {image} has no version tag")
                self.assertNotIn(tag, ("latest", "stable", "main"), f"{name}: {image}")

    def test_long_running_services_have_healthchecks_and_restart(self):
        for stack in (self.stack, self.with_langfuse):
            for name, service in stack["services"].items():
                if name in ONE_SHOT:
                    self.assertEqual("no", service.get("restart"), f"{name} is a one-shot job")
                    continue
                check = service.get("healthcheck", {})
                self.assertTrue(check.get("test"), f"{name} has no healthcheck")
                self.assertFalse(check.get("disable", False), name)
                self.assertEqual("unless-stopped", service.get("restart"), name)

    def test_dependencies_wait_for_health_or_completion(self):
        for stack in (self.stack, self.with_langfuse):
            services = stack["services"]
            for name, service in services.items():
                for dependency, rule in service.get("depends_on", {}).items():
                    wanted = ("service_completed_successfully" if dependency in ONE_SHOT
                              else "service_healthy")
                    self.assertEqual(wanted, rule["condition"], f"{name} -> {dependency}")
                    self.assertIn(dependency, services, f"{name} depends on a missing service")

    def test_start_order(self):
        after = {name: set(s.get("depends_on", {})) for name, s in self.services.items()}
        self.assertIn("temporal-schema", after["temporal"])
        self.assertIn("postgres", after["temporal-schema"])
        self.assertIn("temporal", after["temporal-namespace"])
        # The API migrates the schema the worker writes to, so the worker waits for the API.
        self.assertIn("api", after["worker"])
        self.assertIn("minio-init", after["worker"])
        self.assertLessEqual({"postgres", "redis", "keycloak", "temporal-namespace"}, after["api"])

    def test_only_the_gateway_publishes_a_port_by_default(self):
        for stack in (self.stack, self.with_langfuse):
            self.assertEqual({"kong"}, published(stack["services"]))
        self.assertEqual([8000], [p["target"] for p in self.services["kong"]["ports"]])

    def test_each_opt_in_file_publishes_its_own_service_only(self):
        self.assertEqual(set(PORT_FILES), {p.name for p in (DOCKER / "ports").glob("*.yml")},
                         "a file in docker/ports/ is not listed in PORT_FILES (or one is gone)")
        for name, service in PORT_FILES.items():
            files = ["compose.yml", "compose.langfuse.yml", f"ports/{name}"]
            services = resolved(*files, profiles=("ollama",))["services"]
            self.assertEqual({"kong", service}, published(services), name)
        self.assertEqual(published(self.every_port["services"]),
                         {"kong"} | set(PORT_FILES.values()))

    def test_no_host_port_is_used_twice_and_all_are_bound_to_bind_address(self):
        for stack in (self.stack, self.with_langfuse, self.every_port):
            seen = {}
            for name, service in stack["services"].items():
                for port in service.get("ports", []):
                    self.assertEqual("127.0.0.1", port["host_ip"], f"{name}: {port}")
                    key = port["published"]
                    self.assertNotIn(key, seen, f"{name} and {seen.get(key)} both publish {key}")
                    seen[key] = name

    def test_worker_can_be_scaled(self):
        worker = self.services["worker"]
        self.assertNotIn("container_name", worker)
        self.assertEqual([], worker.get("ports", []), "a host port would clash between replicas")

    def test_worker_stop_grace_leaves_room_for_the_drain(self):
        worker = self.services["worker"]
        grace = int(worker["environment"]["AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE"].rstrip("s"))
        stop = seconds(worker["stop_grace_period"])
        # A drain takes the grace plus about 6 s (docs/operations.md#stopping-a-worker).
        self.assertGreaterEqual(stop, grace + 10)

    def test_gateway_upstream_is_the_api_service(self):
        kong = (REPO / "gateway" / "kong.yml").read_text()
        targets = re.findall(r"target:\s*([\w.-]+):(\d+)", kong)
        self.assertTrue(targets, "kong.yml names no upstream target")
        for host, port in targets:
            self.assertIn(host, self.services)
            self.assertEqual(port, str(self.services[host]["expose"][0]) if "expose" in
                             self.services[host] else "8080")
        self.assertIn("../gateway/kong.yml", (DOCKER / "compose.yml").read_text())

    def test_api_trusts_the_realm_keycloak_issues_tokens_for(self):
        api = self.services["api"]["environment"]
        keycloak = self.services["keycloak"]
        hostname = next(a for a in keycloak["command"] if a.startswith("--hostname="))
        self.assertEqual(hostname.split("=", 1)[1] + "/realms/agent-runtime",
                         api["MP_JWT_VERIFY_ISSUER"])
        self.assertTrue(api["MP_JWT_VERIFY_PUBLICKEY_LOCATION"].startswith("http://keycloak:8080/"))
        kong = (REPO / "gateway" / "kong.yml").read_text()
        self.assertIn(api["MP_JWT_VERIFY_ISSUER"], kong, "Kong's consumer names another issuer")

    def test_api_and_worker_read_only_properties_they_have(self):
        for app in ("api", "worker"):
            properties = (REPO / app / "src/main/resources/application.properties").read_text()
            names = {re.sub(r"[^A-Za-z0-9]", "_", line.split("=", 1)[0]).upper()
                     for line in properties.splitlines()
                     if "=" in line and not line.startswith("#")}
            names = {re.sub(r"^_[A-Z]+_", "", n) for n in names}  # %test. profile prefixes
            for name in self.with_langfuse["services"][app]["environment"]:
                # The image's JVM options, and the OTLP exporter's own settings (Quarkus built-ins,
                # documented in docs/observability.md, not set in application.properties).
                if name == "JAVA_OPTS_APPEND" or name.startswith("QUARKUS_OTEL_EXPORTER_OTLP_"):
                    continue
                self.assertIn(name, names, f"{app}: {name} is no property of the app")

    def test_redis_requires_a_password_every_client_gives(self):
        password = env_example()["REDIS_PASSWORD"]
        redis = self.with_langfuse["services"]["redis"]
        command = redis["command"]
        self.assertEqual(password, command[command.index("--requirepass") + 1])
        # The healthcheck's redis-cli authenticates (REDISCLI_AUTH) and must see PONG.
        self.assertEqual(password, redis["environment"]["REDISCLI_AUTH"])
        self.assertIn("PONG", " ".join(redis["healthcheck"]["test"]))
        api = self.with_langfuse["services"]["api"]["environment"]
        self.assertEqual("redis://redis:6379", api["AGENT_RUNTIME_REDIS_URL"])
        self.assertEqual(password, api["AGENT_RUNTIME_REDIS_PASSWORD"])
        for langfuse in ("langfuse-web", "langfuse-worker"):
            self.assertEqual(password,
                             self.with_langfuse["services"][langfuse]["environment"]["REDIS_AUTH"])

    def test_every_service_waits_for_the_preflight(self):
        for stack in (self.stack, self.with_langfuse):
            services = stack["services"]
            for name in services:
                if name != "preflight":
                    self.assertTrue(waits_for(services, name, "preflight"), name)

    def test_the_preflight_is_given_every_placeholder_the_stack_uses(self):
        placeholders = {n for n, v in env_example().items() if is_placeholder(v)}
        self.assertTrue(placeholders)
        for files, stack in ((("compose.yml",), self.stack),
                             (("compose.yml", "compose.langfuse.yml"), self.with_langfuse)):
            text = "".join((DOCKER / f).read_text() for f in files)
            used = {n for n in placeholders if "${" + n + ":" in text or "${" + n + "}" in text}
            given = set(stack["services"]["preflight"]["environment"])
            # LANGFUSE_OTEL_AUTH is derived from LANGFUSE_SECRET_KEY, which is checked.
            self.assertLessEqual(used - {"LANGFUSE_OTEL_AUTH"}, given, files)

    def test_the_preflight_refuses_placeholders_naming_them_and_never_their_values(self):
        environment = self.with_langfuse["services"]["preflight"]["environment"]
        with tempfile.TemporaryDirectory() as keys:
            key = Path(keys, "master.key")
            key.write_text("q" * 43 + "=\n")
            given = dict(environment, MASTER_KEY_FILES=str(key))
            refused = preflight(given)
            self.assertNotEqual(0, refused.returncode)
            for name, value in environment.items():
                if is_placeholder(value):
                    self.assertIn(name, refused.stderr)
                self.assertNotIn(value, refused.stderr.replace(name, ""), name)
            fixed = {n: ("own-" + n.lower() if is_placeholder(v) else v) for n, v in given.items()}
            accepted = preflight(fixed)
            self.assertEqual(0, accepted.returncode, accepted.stderr)
            missing = preflight(dict(fixed, MASTER_KEY_FILES=f"{keys}/new.key,{key}"))
            self.assertNotEqual(0, missing.returncode)
            self.assertIn(f"{keys}/new.key", missing.stderr)
            key.write_text("not a key\n")
            self.assertIn("does not hold a key", preflight(fixed).stderr)

    def test_the_master_key_is_mounted_into_the_api_and_the_worker(self):
        preflight_service = self.services["preflight"]
        self.assertEqual("10001:10001", preflight_service["user"])
        for name in ("api", "worker", "preflight"):
            service = self.services[name]
            mounts = [v for v in service.get("volumes", []) if v["target"] == MASTER_KEYS]
            self.assertEqual(1, len(mounts), name)
            self.assertEqual("bind", mounts[0]["type"], name)
            self.assertTrue(mounts[0].get("read_only"), f"{name} could change the master key")
            self.assertEqual(str((DOCKER / env_example()["MASTER_KEY_DIR"]).resolve()),
                             mounts[0]["source"], name)
        files = {self.services[n]["environment"]["AGENT_RUNTIME_SECRETS_MASTER_KEY_FILES"]
                 for n in ("api", "worker")}
        self.assertEqual({f"{MASTER_KEYS}/master.key"}, files)
        self.assertEqual(files, {preflight_service["environment"]["MASTER_KEY_FILES"]})
        # Out of reach of file: references, which resolve under /run/secrets.
        self.assertFalse(MASTER_KEYS.startswith("/run/secrets"))

    def test_platform_grants_reach_the_api_and_the_worker_alike(self):
        grants = "env:OPENAI_API_KEY=*@api.openai.com;file:/run/secrets/t=acme"
        with tempfile.NamedTemporaryFile("w", suffix=".env") as env:
            env.write((DOCKER / ".env.example").read_text() + f"\nPLATFORM_GRANTS={grants}\n")
            env.flush()
            services = resolved("compose.yml", env_file=Path(env.name))["services"]
        for name in ("api", "worker"):
            self.assertEqual(grants,
                             services[name]["environment"]["AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS"])

    def test_the_api_refuses_the_demo_signing_key_unless_run_locally(self):
        setting = "AGENT_RUNTIME_AUTH_ALLOW_DEMO_SIGNING_KEY"
        for stack in (self.stack, self.with_langfuse, self.every_port):
            self.assertNotIn(setting, stack["services"]["api"]["environment"])

    def test_secrets_come_from_the_env_file(self):
        text = (DOCKER / "compose.yml").read_text()
        for line in text.splitlines():
            # AGENT_RUNTIME_SECRETS_* are the secret store's settings (key file paths, grants).
            if re.search(r"(PASSWORD|SECRET)[A-Z_]*:\s", line) and "_SECRETS_" not in line:
                self.assertRegex(line, r"\$\{[A-Z_]+(:\?[^}]*)?\}", line.strip())


def preflight(environment):
    """docker/preflight.sh run here with this environment only."""
    return subprocess.run(["sh", str(DOCKER / "preflight.sh")],
                          env=dict(environment, PATH=os.environ["PATH"]),
                          capture_output=True, text=True)


class LocalRun(unittest.TestCase):
    """compose.local.yml swaps images and commands only; the stack's shape stays the same."""

    @classmethod
    def setUpClass(cls):
        cls.local = resolved("compose.yml", "local/compose.local.yml",
                             *(f"ports/{name}" for name in LOCAL_PORT_FILES),
                             env_file=DOCKER / "local" / "local.env")["services"]

    def test_the_local_run_keeps_services_ports_and_dependencies(self):
        base = resolved("compose.yml")["services"]
        local = self.local
        self.assertEqual(set(base), set(local))
        for name in base:
            if name == "kong":  # no Kong image can be had here; the local run leaves it out
                continue
            self.assertEqual(set(base[name].get("depends_on", {})),
                             set(local[name].get("depends_on", {})), name)
            self.assertTrue(local[name]["image"].startswith("localhost/"), name)
            self.assertEqual(bool(base[name].get("healthcheck")),
                             bool(local[name].get("healthcheck")), name)

    def test_the_local_run_opts_in_to_the_ports_its_checks_call(self):
        run_stack = (DOCKER / "local" / "run-stack.sh").read_text()
        named = re.search(r"^PORT_FILES=\((.*)\)$", run_stack, re.M).group(1).split()
        self.assertEqual([f"docker/ports/{name}" for name in LOCAL_PORT_FILES], named)
        self.assertEqual({"kong", "api", "keycloak", "minio", "temporal"}, published(self.local))

    def test_the_local_run_runs_temporal_as_compose_yml_does(self):
        """Temporal's server, jobs and UI: only the images are local, at the official versions."""
        base = resolved("compose.yml", env_file=DOCKER / "local" / "local.env")["services"]
        for name in ("temporal-schema", "temporal", "temporal-namespace", "temporal-ui"):
            for key in ("entrypoint", "command", "environment", "volumes", "healthcheck"):
                self.assertEqual(base[name].get(key), self.local[name].get(key), f"{name}: {key}")
            official = base[name]["image"].rsplit(":", 1)[1]
            local = self.local[name]["image"].rsplit(":", 1)[1]
            self.assertTrue(official.startswith(local), f"{name}: {local} is not {official}")

    def test_the_local_run_alone_accepts_the_demo_realm_s_signing_key(self):
        self.assertEqual("true",
                         self.local["api"]["environment"]["AGENT_RUNTIME_AUTH_ALLOW_DEMO_SIGNING_KEY"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
