"""Structural tests of docker/compose.yml, on the model Docker Compose v2 resolves (`config`).

Run by scripts/check-containers.sh with COMPOSE_BIN naming the docker-compose binary. They hold the
compose file to what docs/deployment.md promises: every image pinned, every long-running service
healthchecked, start-up ordered by conditions, one-shot jobs never restarted, no host-port clash
(also with the Langfuse overlay and the ollama profile), host ports bound to BIND_ADDRESS, the
gateway's upstream and the API's issuer matching the services they name, the worker scalable.
"""

import json
import os
import re
import subprocess
import unittest
from pathlib import Path

DOCKER = Path(__file__).resolve().parent.parent
REPO = DOCKER.parent
ONE_SHOT = {"minio-init", "temporal-schema", "temporal-namespace", "langfuse-init"}


def resolved(*files, profiles=(), env_file=DOCKER / ".env.example"):
    command = [os.environ["COMPOSE_BIN"]]
    for name in files:
        command += ["-f", str(DOCKER / name)]
    for profile in profiles:
        command += ["--profile", profile]
    command += ["--env-file", str(env_file), "config", "--format", "json"]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


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

    def test_no_host_port_is_used_twice_and_all_are_bound_to_bind_address(self):
        for stack in (self.stack, self.with_langfuse):
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

    def test_secrets_come_from_the_env_file(self):
        text = (DOCKER / "compose.yml").read_text()
        for line in text.splitlines():
            if re.search(r"(PASSWORD|SECRET)[A-Z_]*:\s", line):
                self.assertRegex(line, r"\$\{[A-Z_]+(:\?[^}]*)?\}", line.strip())


class LocalRun(unittest.TestCase):
    """compose.local.yml swaps images and commands only; the stack's shape stays the same."""

    def test_the_local_run_keeps_services_ports_and_dependencies(self):
        base = resolved("compose.yml")["services"]
        local = resolved("compose.yml", "local/compose.local.yml",
                         env_file=DOCKER / "local" / "local.env")["services"]
        self.assertEqual(set(base), set(local))
        for name in base:
            if name == "kong":  # no Kong image can be had here; the local run leaves it out
                continue
            self.assertEqual(set(base[name].get("depends_on", {})),
                             set(local[name].get("depends_on", {})), name)
            self.assertTrue(local[name]["image"].startswith("localhost/"), name)
            self.assertEqual(bool(base[name].get("healthcheck")),
                             bool(local[name].get("healthcheck")), name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
