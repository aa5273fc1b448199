"""Structural tests of infra/opentofu, for what `tofu validate` and `plan` cannot check here (the AWS
provider cannot be downloaded on these machines) and what checkov does not know: the containers'
environment contract, the worker's drain window, least-privilege IAM, the variables' documentation.

Run with the checkov venv's interpreter (it brings the HCL parser, bc-python-hcl2):
    python -m unittest discover -s infra/opentofu/tests -v
"""

import functools
import re
import unittest
from pathlib import Path

import hcl2

TOFU_DIR = Path(__file__).resolve().parent.parent
REPO = TOFU_DIR.parent.parent
# The module every ECS service of the deployment is an instance of.
SERVICE_DIR = TOFU_DIR / "modules" / "service"
SERVICES = ("api", "worker")

# The environment contract of the images (Quarkus maps a property to an environment variable by
# upper-casing it and turning every other character than letters and digits into "_").
COMMON_CONTRACT = {
    "QUARKUS_DATASOURCE_JDBC_URL",
    "QUARKUS_DATASOURCE_USERNAME",
    "QUARKUS_DATASOURCE_PASSWORD",
    "AGENT_RUNTIME_TEMPORAL_TARGET",
    "AGENT_RUNTIME_TEMPORAL_NAMESPACE",
    "AGENT_RUNTIME_TEMPORAL_TLS_ENABLED",
    "AGENT_RUNTIME_TEMPORAL_API_KEY",
    "AGENT_RUNTIME_TEMPORAL_TLS_CLIENT_CERT",
    "AGENT_RUNTIME_TEMPORAL_TLS_CLIENT_KEY",
    "QUARKUS_OTEL_SDK_DISABLED",
    "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
    "AGENT_RUNTIME_SECRETS_KMS_KEY_ID",
    "AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS",
    "AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS",
}
# The object store: the worker writes run data, the API reads artifacts; both with the task role.
S3_CONTRACT = {
    "AGENT_RUNTIME_S3_CREDENTIALS",
    "AGENT_RUNTIME_S3_ENDPOINT",
    "AGENT_RUNTIME_S3_BUCKET",
    "AGENT_RUNTIME_S3_REGION",
}
API_CONTRACT = COMMON_CONTRACT | S3_CONTRACT | {
    "AGENT_RUNTIME_REDIS_URL",
    "MP_JWT_VERIFY_ISSUER",
    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
    "AGENT_RUNTIME_CONSOLE_OIDC_ISSUER",
}
WORKER_CONTRACT = COMMON_CONTRACT | S3_CONTRACT | {
    "AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE",
    "AGENT_RUNTIME_EGRESS_GRANTS",
    "AGENT_RUNTIME_EGRESS_DEPLOYMENT_NETWORKS",
}
SECRET_LIKE = re.compile(r"PASSWORD|API_KEY|TOKEN|CLIENT_KEY|SECRET|REDIS_URL|MASTER_KEY")
# Names that look secret but hold none: the grants are references (env:NAME) and tenant ids, the
# KMS key id an ARN (what protects the key is IAM, not the name's secrecy).
NOT_SECRET = {"AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS", "AGENT_RUNTIME_SECRETS_KMS_KEY_ID"}
# Fargate's largest stopTimeout (seconds): ECS sends SIGKILL after it.
FARGATE_MAX_STOP_TIMEOUT = 120
# Actions without resource-level permissions, for which AWS requires Resource "*".
ACTIONS_REQUIRING_STAR = {"ecr:GetAuthorizationToken"}


def load(name, directory=TOFU_DIR):
    with open(directory / name) as f:
        return hcl2.load(f)


@functools.cache
def all_files(directory=TOFU_DIR):
    return {p.name: load(p.name, directory) for p in sorted(directory.glob("*.tf"))}


def blocks(kind, type_=None, directory=TOFU_DIR):
    """Every `kind` block (resource, data, variable, ...) as (type, name, body) or (name, body)."""
    for doc in all_files(directory).values():
        for entry in doc.get(kind, []):
            for t, named in entry.items():
                if kind in ("resource", "data"):
                    if type_ is None or t == type_:
                        for n, body in named.items():
                            yield t, n, body
                else:
                    yield t, named


def resource(type_, name, directory=TOFU_DIR):
    for t, n, body in blocks("resource", type_, directory):
        if n == name:
            return body
    raise AssertionError(f"no {type_}.{name} in {directory.name}")


def data(type_, name, directory=TOFU_DIR):
    for t, n, body in blocks("data", type_, directory):
        if n == name:
            return body
    raise AssertionError(f"no data.{type_}.{name} in {directory.name}")


def module_resource(type_, name):
    return resource(type_, name, SERVICE_DIR)


def service(name):
    """The root module's call of modules/service for one service (its inputs)."""
    calls = dict(blocks("module"))
    return calls[name]


def module_variables():
    return dict(blocks("variable", directory=SERVICE_DIR))


def locals_(directory=TOFU_DIR):
    merged = {}
    for doc in all_files(directory).values():
        for entry in doc.get("locals", []):
            merged.update(entry)
    return merged


def one(value):
    """bc-python-hcl2 wraps attribute values in a list."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def flat(value):
    while isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
        value = value[0]
    return value if isinstance(value, list) else [value]


def properties_env_names(module):
    """Environment names of the keys in MODULE's application.properties, and the file's text."""
    path = REPO / module / "src/main/resources/application.properties"
    text = path.read_text()
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("%") or "=" not in line:
            continue
        key = line.split("=", 1)[0].strip()
        names.add(re.sub(r"[^A-Za-z0-9]", "_", key).upper())
    return names, text


def container():
    """The module's container definition, as the expression the parser gives back."""
    self_check = one(module_resource("aws_ecs_task_definition", "this")["container_definitions"])
    assert self_check == "${jsonencode(['${local.container}'])}", self_check
    return one(locals_(SERVICE_DIR)["container"])


class EnvironmentContractTest(unittest.TestCase):
    def setUp(self):
        self.locals = locals_()

    def keys(self, local_name):
        value = one(self.locals[local_name])
        self.assertIsInstance(value, dict, f"local.{local_name} must stay a literal map")
        return set(value)

    def temporal_secret_names(self):
        by_mode = one(self.locals["temporal_secrets_by_mode"])
        self.assertEqual({"plaintext", "api_key", "mtls"}, set(by_mode))
        return set().union(*(set(one(m)) if one(m) else set() for m in by_mode.values()))

    def assert_built_from(self, list_local, *maps):
        expr = one(self.locals[list_local])
        used = set(re.findall(r"local\.(\w+)", expr))
        self.assertEqual(set(maps), used, f"local.{list_local} is built from {sorted(used)}")

    def previous_master_key_names(self):
        """The names of local.previous_master_key_secrets: a map while there are previous keys, else {}."""
        expr = one(self.locals["previous_master_key_secrets"])
        self.assertRegex(expr, r"^\$\{local\.has_previous_master_keys \? \{.*\} : \{\}\}$")
        return set(re.findall(r"'(AGENT_RUNTIME_\w+)'", expr))

    def api_names(self):
        env = (
            self.keys("common_environment")
            | self.keys("optional_environment")
            | self.keys("s3_environment")
            | self.keys("api_only_environment")
        )
        sec = (
            self.keys("common_secrets")
            | self.previous_master_key_names()
            | self.temporal_secret_names()
            | self.keys("api_only_secrets")
        )
        return env, sec

    def worker_names(self):
        env = (
            self.keys("common_environment")
            | self.keys("optional_environment")
            | self.keys("s3_environment")
            | self.keys("worker_only_environment")
            | self.keys("worker_optional_environment")
        )
        sec = self.keys("common_secrets") | self.previous_master_key_names() | self.temporal_secret_names()
        return env, sec

    def test_lists_are_built_from_the_maps_of_their_service(self):
        self.assert_built_from(
            "api_environment", "common_environment", "set_optional_environment", "s3_environment", "api_only_environment"
        )
        self.assert_built_from(
            "worker_environment",
            "common_environment",
            "set_optional_environment",
            "s3_environment",
            "worker_only_environment",
            "set_worker_optional_environment",
        )
        self.assert_built_from(
            "api_secrets", "common_secrets", "previous_master_key_secrets", "temporal_secrets", "api_only_secrets"
        )
        self.assert_built_from("worker_secrets", "common_secrets", "previous_master_key_secrets", "temporal_secrets")
        self.assertIn("var.model_api_key_secret_arns", one(self.locals["worker_secrets"]))
        self.assertNotIn("model_api_key", one(self.locals["api_secrets"]))

    def test_task_definitions_use_those_lists(self):
        for svc in SERVICES:
            self.assertEqual(f"${{local.{svc}_environment}}", one(service(svc)["environment"]))
            self.assertEqual(f"${{local.{svc}_secrets}}", one(service(svc)["secrets"]))
        defs = container()
        self.assertIn("'environment': '${var.environment}'", defs)
        self.assertIn("'secrets': '${var.secrets}'", defs)
        self.assertEqual(1, defs.count("'environment'"), "one container, one environment")

    def test_api_sets_exactly_the_api_contract_and_no_s3_keys(self):
        env, sec = self.api_names()
        self.assertFalse(env & sec, "a name is both plain and secret")
        self.assertEqual(API_CONTRACT, env | sec)
        self.assertFalse({"AGENT_RUNTIME_S3_ACCESS_KEY", "AGENT_RUNTIME_S3_SECRET_KEY"} & (env | sec))

    def test_worker_sets_exactly_the_worker_contract_and_no_s3_keys(self):
        env, sec = self.worker_names()
        self.assertFalse(env & sec, "a name is both plain and secret")
        self.assertEqual(WORKER_CONTRACT, env | sec)
        self.assertFalse({"AGENT_RUNTIME_S3_ACCESS_KEY", "AGENT_RUNTIME_S3_SECRET_KEY"} & (env | sec))

    def test_secret_like_names_arrive_through_secrets_only(self):
        for env, sec in (self.api_names(), self.worker_names()):
            for name in env - NOT_SECRET:
                self.assertIsNone(SECRET_LIKE.search(name), f"{name} is secret-like but plain")
            for name in (API_CONTRACT | WORKER_CONTRACT) & (env | sec) - NOT_SECRET:
                if SECRET_LIKE.search(name):
                    self.assertIn(name, sec)
        self.assertIn("AGENT_RUNTIME_REDIS_URL", self.keys("api_only_secrets"))

    def test_model_key_names_cannot_shadow_runtime_settings(self):
        conditions = " ".join(
            one(v["condition"]) for n, body in blocks("variable") if n == "model_api_key_secret_arns"
            for v in body["validation"]
        )
        for prefix in ("AGENT_RUNTIME_", "QUARKUS_", "MP_"):
            self.assertIn(f'!startswith(k,"{prefix}")', conditions.replace(", ", ","))

    def test_names_match_the_modules_application_properties(self):
        for module, (env, sec) in (("api", self.api_names()), ("worker", self.worker_names())):
            props, text = properties_env_names(module)
            unknown = {n for n in env | sec if n not in props and n not in text}
            self.assertEqual(set(), unknown, f"{module}: no such property in application.properties")

    def test_both_services_get_the_kms_key_and_previous_master_keys_only_as_a_secret(self):
        # KMS wraps tenant data keys: both services get the deployment key's ARN (not a secret).
        self.assertEqual("${aws_kms_key.this.arn}", one(self.locals["common_environment"])["AGENT_RUNTIME_SECRETS_KMS_KEY_ID"])
        self.assertEqual({"AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS"}, self.previous_master_key_names())
        self.assertIn("aws_secretsmanager_secret.previous_master_keys[0].arn", one(self.locals["previous_master_key_secrets"]))
        for env, sec in (self.api_names(), self.worker_names()):
            self.assertIn("AGENT_RUNTIME_SECRETS_KMS_KEY_ID", env)
            self.assertIn("AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS", sec)
            self.assertNotIn("AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS", env)
            # No active master key beside KMS (the services refuse both), and no key in a file or a
            # replaced endpoint: KMS is the region's.
            self.assertFalse(
                {
                    "AGENT_RUNTIME_SECRETS_MASTER_KEYS",
                    "AGENT_RUNTIME_SECRETS_MASTER_KEY_FILES",
                    "AGENT_RUNTIME_SECRETS_KMS_ENDPOINT",
                }
                & (env | sec)
            )

    def test_grants_reach_both_services_and_the_egress_policy_only_the_worker(self):
        self.assertEqual("${var.platform_secret_grants}", one(self.locals["optional_environment"])["AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS"])
        worker_optional = one(self.locals["worker_optional_environment"])
        self.assertEqual("${var.egress_grants}", worker_optional["AGENT_RUNTIME_EGRESS_GRANTS"])
        self.assertEqual(
            '${join(",",local.egress_deployment_networks)}',
            worker_optional["AGENT_RUNTIME_EGRESS_DEPLOYMENT_NETWORKS"].replace(" ", ""),
        )
        api_env, api_sec = self.api_names()
        self.assertFalse({"AGENT_RUNTIME_EGRESS_GRANTS", "AGENT_RUNTIME_EGRESS_DEPLOYMENT_NETWORKS"} & (api_env | api_sec))
        # Optional values are filtered like the others: an empty one is not set at all.
        self.assertIn("local.worker_optional_environment", one(self.locals["set_worker_optional_environment"]))
        self.assertIn('v != ""', one(self.locals["set_worker_optional_environment"]))

    def test_deployment_networks_default_to_the_vpcs_blocks(self):
        variables = dict(blocks("variable"))
        self.assertIsNone(one(variables["egress_deployment_networks"]["default"]))
        networks = one(self.locals["egress_deployment_networks"])
        for attribute in ("cidr_block", "cidr_block_associations", "ipv6_cidr_block"):
            self.assertIn(f"data.aws_vpc.this.{attribute}", networks)
        self.assertEqual("${var.vpc_id}", one(data("aws_vpc", "this")["id"]))

    def test_platform_grants_cannot_name_the_runtimes_own_settings(self):
        conditions = " ".join(
            one(v["condition"]) for n, body in blocks("variable") if n == "platform_secret_grants"
            for v in body["validation"]
        )
        self.assertIn("AGENT_RUNTIME_|QUARKUS_|MP_", conditions)

    def test_redis_url_secret_is_a_tls_url(self):
        version = resource("aws_secretsmanager_secret_version", "redis_url")
        self.assertTrue(one(version["secret_string"]).startswith("rediss://:${random_password.redis_auth.result}@"))


class WorkerDrainTest(unittest.TestCase):
    def setUp(self):
        self.locals = locals_()
        self.variables = dict(blocks("variable"))

    def test_stop_timeout_is_fargates_max_or_less(self):
        self.assertEqual("${local.worker_stop_timeout}", one(service("worker")["stop_timeout"]))
        self.assertIn("'stopTimeout': '${var.stop_timeout}'", container())
        self.assertLessEqual(one(self.locals["worker_stop_timeout"]), FARGATE_MAX_STOP_TIMEOUT)
        # The module refuses a longer one for any service.
        condition = one(module_variables()["stop_timeout"]["validation"][0]["condition"])
        self.assertIn(f"var.stop_timeout <= {FARGATE_MAX_STOP_TIMEOUT}", condition)

    def test_shutdown_grace_stays_below_stop_timeout(self):
        stop = one(self.locals["worker_stop_timeout"])
        grace = self.variables["worker_shutdown_grace_seconds"]
        self.assertLess(one(grace["default"]), stop)
        # The largest grace the variable's validation lets through is below stopTimeout too.
        bound = int(re.search(r"worker_shutdown_grace_seconds <= (\d+)", one(grace["validation"][0]["condition"])).group(1))
        self.assertLess(bound, stop)
        self.assertEqual(
            "${var.worker_shutdown_grace_seconds}s",
            one(self.locals["worker_only_environment"])["AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE"],
        )
        # And the plan refuses a grace that reaches the stop timeout, whatever the validation says.
        checks = flat(one(service("worker")["preconditions"]))
        self.assertIn(
            "${var.worker_shutdown_grace_seconds < local.worker_stop_timeout}", [c["condition"] for c in checks]
        )

    def test_api_drains_within_its_own_stop_timeout(self):
        self.assertEqual(30, one(service("api")["stop_timeout"]))

    def test_worker_autoscales_on_cpu_between_the_variables(self):
        scaling = one(service("worker")["autoscaling"])
        self.assertEqual("${var.worker_min_count}", scaling["min_count"])
        self.assertEqual("${var.worker_max_count}", scaling["max_count"])
        self.assertEqual("${var.worker_cpu_target_percent}", scaling["cpu_target_percent"])
        self.assertEqual("${var.worker_min_count}", one(service("worker")["desired_count"]))
        self.assertNotIn("autoscaling", service("api"), "the API runs api_desired_count tasks")
        target = module_resource("aws_appautoscaling_target", "this")
        self.assertIn("local.service_name", one(target["resource_id"]))
        self.assertEqual("${var.autoscaling.min_count}", one(target["min_capacity"]))
        self.assertEqual("${var.autoscaling.max_count}", one(target["max_capacity"]))
        policy = module_resource("aws_appautoscaling_policy", "cpu")
        self.assertEqual("TargetTrackingScaling", one(policy["policy_type"]))
        tracking = one(policy["target_tracking_scaling_policy_configuration"])
        metric = one(tracking["predefined_metric_specification"])
        self.assertEqual("ECSServiceAverageCPUUtilization", one(metric["predefined_metric_type"]))
        self.assertEqual("${var.autoscaling.cpu_target_percent}", one(tracking["target_value"]))

    def test_the_autoscaler_owns_the_count_of_an_autoscaled_service_only(self):
        fixed = module_resource("aws_ecs_service", "fixed")
        scaled = module_resource("aws_ecs_service", "autoscaled")
        self.assertEqual("${var.autoscaling == None ? 1 : 0}", one(fixed["count"]))
        self.assertEqual("${var.autoscaling == None ? 0 : 1}", one(scaled["count"]))
        self.assertNotIn("lifecycle", fixed, "a fixed service applies a changed desired_count")
        self.assertEqual(["${desired_count}"], flat(one(scaled["lifecycle"])["ignore_changes"]))
        # Apart from that, the two shapes are the same service.
        strip = lambda b: {k: v for k, v in b.items() if k not in ("count", "lifecycle", "__start_line__", "__end_line__")}
        self.assertEqual(strip(fixed), strip(scaled))

    def test_worker_health_check_asks_readiness(self):
        command = " ".join(one(service("worker")["health_check"])["command"])
        self.assertIn("GET /q/health/ready", command)
        self.assertIn("127.0.0.1/8081", command)
        self.assertIn("'healthCheck': '${var.health_check}'", container())


class IamTest(unittest.TestCase):
    def statements(self, doc):
        return [s for s in doc.get("statement", [])]

    def test_no_star_action_or_resource_in_role_policies(self):
        documents = {
            n: body for t, n, body in blocks("data", "aws_iam_policy_document")
            # Resource policies, checked below: a key policy's Resource is always "*".
            if n not in ("kms", "artifacts_bucket")
        }
        documents.update(
            {f"service {n}": body for t, n, body in blocks("data", "aws_iam_policy_document", SERVICE_DIR)}
        )
        self.assertTrue({"service execution", "service ecs_tasks_assume", "worker_task"} <= set(documents))
        for name, doc in documents.items():
            for st in self.statements(doc):
                self.assertEqual("Allow", one(st.get("effect", ["Allow"])), name)
                actions = flat(st["actions"])
                for action in actions:
                    self.assertNotEqual("*", action, name)
                    self.assertFalse(action.endswith(":*"), f"{name}: {action}")
                resources = flat(st.get("resources", []))
                if "*" in resources:
                    self.assertTrue(set(actions) <= ACTIONS_REQUIRING_STAR, f"{name}: {actions} on *")

    def test_role_policies_come_from_the_checked_documents(self):
        for t, n, body in blocks("resource", "aws_iam_role_policy"):
            self.assertRegex(one(body["policy"]), r"^\$\{data\.aws_iam_policy_document\.\w+\.json\}$", n)
        # In the module: the execution role's own document, and the task role's from the caller.
        self.assertEqual(
            "${data.aws_iam_policy_document.execution.json}",
            one(module_resource("aws_iam_role_policy", "execution")["policy"]),
        )
        self.assertEqual("${var.task_role_policy.json}", one(module_resource("aws_iam_role_policy", "task")["policy"]))
        self.assertEqual(
            "${data.aws_iam_policy_document.worker_task.json}", one(service("worker")["task_role_policy"])["json"]
        )
        self.assertEqual([], [n for t, n, b in blocks("resource", "aws_iam_role_policy_attachment", SERVICE_DIR)])
        self.assertEqual([], [n for t, n, b in blocks("resource", "aws_iam_policy", SERVICE_DIR)])
        attachments = [n for t, n, b in blocks("resource", "aws_iam_role_policy_attachment")]
        # The one managed policy: RDS Enhanced Monitoring's service role (AWS-maintained, read-only
        # CloudWatch Logs writes for the monitoring agent).
        self.assertEqual(["rds_monitoring"], attachments)
        self.assertEqual([], [n for t, n, b in blocks("resource", "aws_iam_policy")])

    def test_execution_roles_pull_their_own_image_and_read_their_own_secrets(self):
        execution = {one(s["sid"]): s for s in data("aws_iam_policy_document", "execution", SERVICE_DIR)["statement"]}
        self.assertEqual(["${local.repository_arn}"], flat(execution["PullOwnImage"]["resources"]))
        self.assertIn("var.image", one(locals_(SERVICE_DIR)["image_parts"]))
        self.assertIn("aws_cloudwatch_log_group.this.arn", flat(execution["WriteOwnLogs"]["resources"])[0])
        # The secrets a role reads are the ones its container is given, and no other.
        self.assertEqual(["${local.secret_arns}"], flat(execution["ReadOwnSecrets"]["resources"]))
        self.assertIn("for s in var.secrets", one(locals_(SERVICE_DIR)["secret_arns"]))
        decrypt = execution["DecryptSecretsThroughSecretsManager"]
        self.assertEqual(["${var.kms_key_arns}"], flat(decrypt["resources"]))
        for svc in SERVICES:
            self.assertEqual(f"${{var.{svc}_image}}", one(service(svc)["image"]))
            self.assertIn("aws_kms_key.this.arn", one(service(svc)["kms_key_arns"]))
            # So both execution roles read the previous master keys' secret (while it exists), as
            # both containers are given it: local.previous_master_key_secrets in both lists.
            self.assertIn("local.previous_master_key_secrets", one(locals_()[f"{svc}_secrets"]))
        self.assertIn(
            "aws_secretsmanager_secret.previous_master_keys[0].arn", one(locals_()["previous_master_key_secrets"])
        )
        # Which secrets those are (the Redis URL for the API, model keys for the worker):
        # EnvironmentContractTest.

    def test_task_roles_are_separate_and_only_the_worker_writes_s3(self):
        td = module_resource("aws_ecs_task_definition", "this")
        self.assertEqual("${aws_iam_role.execution.arn}", one(td["execution_role_arn"]))
        self.assertEqual("${aws_iam_role.task.arn}", one(td["task_role_arn"]))
        self.assertEqual("${local.full_name}-execution", one(module_resource("aws_iam_role", "execution")["name"]))
        self.assertEqual("${local.full_name}-task", one(module_resource("aws_iam_role", "task")["name"]))
        # The API's task role wraps and unwraps tenant data keys (KMS) and reads artifacts' objects,
        # decrypting them through S3 only; it writes nothing in S3, and lists and deletes only
        # run data under tenants/ (the retention purge, tenant deletion).
        self.assertEqual(
            "${data.aws_iam_policy_document.api_task.json}", one(service("api")["task_role_policy"])["json"]
        )
        api = {one(st["sid"]): st for st in data("aws_iam_policy_document", "api_task")["statement"]}
        self.assertEqual(
            {"WrapTenantDataKeys", "ReadArtifacts", "ArtifactDecryption", "ListRunData", "DeleteRunData"}, set(api)
        )
        self.assertEqual(["s3:ListBucket"], flat(api["ListRunData"]["actions"]))
        self.assertEqual(["${aws_s3_bucket.artifacts.arn}"], flat(api["ListRunData"]["resources"]))
        prefix = {(one(c["test"]), one(c["variable"])): flat(c["values"]) for c in api["ListRunData"]["condition"]}
        self.assertEqual({("StringLike", "s3:prefix"): ["tenants/*"]}, prefix)
        self.assertEqual(["s3:DeleteObject"], flat(api["DeleteRunData"]["actions"]))
        self.assertEqual(["${aws_s3_bucket.artifacts.arn}/tenants/*"], flat(api["DeleteRunData"]["resources"]))
        self.assertEqual(["s3:GetObject"], flat(api["ReadArtifacts"]["actions"]))
        self.assertEqual(["${aws_s3_bucket.artifacts.arn}/*"], flat(api["ReadArtifacts"]["resources"]))
        self.assertEqual(["kms:Decrypt"], flat(api["ArtifactDecryption"]["actions"]))
        via = {(one(c["test"]), one(c["variable"])): flat(c["values"]) for c in api["ArtifactDecryption"]["condition"]}
        self.assertEqual({("StringEquals", "kms:ViaService"): ["s3.${var.region}.amazonaws.com"]}, via)
        worker = data("aws_iam_policy_document", "worker_task")
        for st in worker["statement"]:
            for action in flat(st["actions"]):
                self.assertTrue(action.startswith(("s3:", "kms:")), action)
            for res in flat(st["resources"]):
                self.assertTrue(
                    res.startswith("${aws_s3_bucket.artifacts.arn}") or res == "${aws_kms_key.this.arn}", res
                )

    def test_tenant_data_keys_use_the_deployment_key_only_with_a_tenant_context(self):
        api = {one(s["sid"]): s for s in data("aws_iam_policy_document", "api_task")["statement"]}
        worker = {one(s["sid"]): s for s in data("aws_iam_policy_document", "worker_task")["statement"]}
        wrap, unwrap = api["WrapTenantDataKeys"], worker["UnwrapTenantDataKeys"]
        # The API wraps and unwraps; the worker only unwraps. No GenerateDataKey: the services
        # generate data keys themselves and encrypt them (a move from master keys re-wraps too).
        self.assertEqual({"kms:Encrypt", "kms:Decrypt"}, set(flat(wrap["actions"])))
        self.assertEqual(["kms:Decrypt"], flat(unwrap["actions"]))
        for st in (wrap, unwrap):
            self.assertEqual(["${aws_kms_key.this.arn}"], flat(st["resources"]))
            conditions = {(one(c["test"]), one(c["variable"])): flat(c["values"]) for c in st["condition"]}
            # The names and value AwsKmsKeyWrapping puts in the encryption context.
            self.assertEqual(["false"], conditions[("Null", "kms:EncryptionContext:agent-runtime:tenant")])
            self.assertEqual(
                ["tenant-data-key"], conditions[("StringEquals", "kms:EncryptionContext:agent-runtime:purpose")]
            )
        # Each document is its own service's task role policy (modules/service's task_role_policy).
        for svc, document in (("api", "api_task"), ("worker", "worker_task")):
            self.assertEqual(
                f"${{data.aws_iam_policy_document.{document}.json}}", one(service(svc)["task_role_policy"])["json"]
            )
        source = (REPO / "kms/src/main/java/dev/agentruntime/kms/AwsKmsKeyWrapping.java").read_text()
        for literal in ('"agent-runtime:tenant"', '"agent-runtime:purpose"', '"tenant-data-key"'):
            self.assertIn(literal, source)

    def test_resource_policies_grant_no_star_principal(self):
        kms = data("aws_iam_policy_document", "kms")
        for st in kms["statement"]:
            for p in st["principals"]:
                self.assertNotIn("*", flat(p["identifiers"]))
        bucket = data("aws_iam_policy_document", "artifacts_bucket")
        for st in bucket["statement"]:
            self.assertEqual("Deny", one(st["effect"]), "the bucket policy only denies")


class DataStoresTest(unittest.TestCase):
    def test_rds_is_private_encrypted_backed_up_postgres_16(self):
        db = resource("aws_db_instance", "this")
        self.assertEqual("postgres", one(db["engine"]))
        self.assertIs(False, one(db["publicly_accessible"]))
        self.assertIs(True, one(db["storage_encrypted"]))
        self.assertIs(True, one(db["manage_master_user_password"]))
        self.assertNotIn("password", db, "the password is RDS-managed, never in the configuration")
        self.assertEqual("${var.db_deletion_protection}", one(db["deletion_protection"]))
        self.assertEqual("${var.db_backup_retention_days}", one(db["backup_retention_period"]))
        variables = dict(blocks("variable"))
        self.assertTrue(one(variables["db_engine_version"]["default"]).startswith("16"))
        self.assertIn("var.db_backup_retention_days >= 1", one(variables["db_backup_retention_days"]["validation"][0]["condition"]))

    def test_redis_encrypts_in_transit_and_at_rest_with_a_token(self):
        redis = resource("aws_elasticache_replication_group", "this")
        self.assertIs(True, one(redis["transit_encryption_enabled"]))
        self.assertIs(True, one(redis["at_rest_encryption_enabled"]))
        self.assertEqual("${random_password.redis_auth.result}", one(redis["auth_token"]))

    def test_previous_master_keys_are_the_generated_key_until_retired_and_the_variable(self):
        generated = resource("random_bytes", "master_key")
        self.assertEqual(32, one(generated["length"]))
        self.assertEqual("${var.generated_master_key_retired ? 0 : 1}", one(generated["count"]))
        retired = dict(blocks("variable"))["generated_master_key_retired"]
        self.assertIs(False, one(retired["default"]), "an upgrade from before KMS must lose nothing")
        self.assertEqual(
            "${concat(random_bytes.master_key[*].base64,var.previous_master_keys)}",
            one(self.locals_()["previous_master_keys"]).replace(" ", ""),
        )
        secret = resource("aws_secretsmanager_secret", "previous_master_keys")
        self.assertEqual("${aws_kms_key.this.arn}", one(secret["kms_key_id"]))
        self.assertEqual(30, one(secret["recovery_window_in_days"]))
        # The secret of the master keys before KMS, moved (same name), not replaced.
        self.assertEqual("${var.name}/secrets/master-keys", one(secret["name"]))
        version = resource("aws_secretsmanager_secret_version", "previous_master_keys")
        self.assertEqual("${aws_secretsmanager_secret.previous_master_keys[0].id}", one(version["secret_id"]))
        self.assertEqual("""${join(",",local.previous_master_keys)}""", one(version["secret_string"]).replace(" ", ""))
        for body in (secret, version):
            self.assertEqual("${local.has_previous_master_keys ? 1 : 0}", one(body["count"]))
        moves = {(one(m["from"]), one(m["to"])) for doc in all_files().values() for m in doc.get("moved", [])}
        self.assertLessEqual(
            {
                ("${random_bytes.master_key}", "${random_bytes.master_key[0]}"),
                ("${aws_secretsmanager_secret.master_keys}", "${aws_secretsmanager_secret.previous_master_keys[0]}"),
                (
                    "${aws_secretsmanager_secret_version.master_keys}",
                    "${aws_secretsmanager_secret_version.previous_master_keys[0]}",
                ),
            },
            moves,
        )
        previous = dict(blocks("variable"))["previous_master_keys"]
        self.assertIs(True, one(previous["sensitive"]))
        self.assertEqual([], one(previous["default"]))
        # Tasks read their secrets at start: the values exist before a service starts one.
        # (The API's list is a concat: the secret version has a count, so its ids are a splat.)
        api = " ".join(flat(one(service("api")["service_depends_on"])))
        worker = " ".join(flat(one(service("worker")["service_depends_on"])))
        for deps in (api, worker):
            self.assertIn("aws_secretsmanager_secret_version.previous_master_keys[*].id", deps)
        self.assertIn("aws_secretsmanager_secret_version.redis_url.id", api)
        self.assertNotIn("redis_url", worker)
        for shape in ("fixed", "autoscaled"):
            deps = flat(module_resource("aws_ecs_service", shape)["depends_on"])
            self.assertIn("${var.service_depends_on}", deps, shape)
            self.assertIn("${aws_iam_role_policy.execution}", deps, shape)
            # The task role's policy too (the API's tenant-data-keys, the worker's artifact-bucket):
            # the application uses it from its first request.
            self.assertIn("${aws_iam_role_policy.task}", deps, shape)

    def locals_(self):
        return locals_()

    def test_bucket_blocks_public_access_and_is_owner_enforced_versioned_encrypted(self):
        block = resource("aws_s3_bucket_public_access_block", "artifacts")
        for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"):
            self.assertIs(True, one(block[flag]), flag)
        owner = resource("aws_s3_bucket_ownership_controls", "artifacts")
        self.assertEqual("BucketOwnerEnforced", one(one(owner["rule"])["object_ownership"]))
        versioning = resource("aws_s3_bucket_versioning", "artifacts")
        self.assertEqual("Enabled", one(one(versioning["versioning_configuration"])["status"]))
        sse = one(one(resource("aws_s3_bucket_server_side_encryption_configuration", "artifacts")["rule"])["apply_server_side_encryption_by_default"])
        self.assertEqual("aws:kms", one(sse["sse_algorithm"]))

    def test_lifecycle_agrees_with_the_retention_purge(self):
        lifecycle = resource("aws_s3_bucket_lifecycle_configuration", "artifacts")
        rules = {one(r["id"]): r for r in lifecycle["rule"]}
        # What the purge deletes becomes noncurrent and expires; its delete markers go after.
        old = rules["expire-old-versions"]
        self.assertEqual(
            "${var.artifact_noncurrent_version_days}",
            one(one(old["noncurrent_version_expiration"])["noncurrent_days"]),
        )
        markers = rules["remove-purged-objects-delete-markers"]
        self.assertEqual("tenants/", one(one(markers["filter"])["prefix"]))
        self.assertIs(True, one(one(markers["expiration"])["expired_object_delete_marker"]))
        # No expiry of current run data unless the operator sets the backstop: the bucket cannot
        # see legal holds or a tenant's own retention.
        backstop = one(lifecycle["dynamic"])["rule"]
        self.assertIn("var.run_data_expiry_days > 0", one(backstop["for_each"]))
        content = one(backstop["content"])
        self.assertEqual("tenants/", one(one(content["filter"])["prefix"]))
        self.assertEqual("${rule.value}", one(one(content["expiration"])["days"]))

    def test_every_log_group_has_retention_and_every_container_logs_to_its_own(self):
        groups = {n: b for t, n, b in blocks("resource", "aws_cloudwatch_log_group")}
        self.assertIn("exec", groups)
        for n, b in groups.items():
            self.assertIn("retention_in_days", b, n)
            self.assertEqual("${var.log_retention_days}", one(b["retention_in_days"]), n)
        own = module_resource("aws_cloudwatch_log_group", "this")
        self.assertEqual("/ecs/${var.name}/${var.service}", one(own["name"]))
        self.assertEqual("${var.log_retention_days}", one(own["retention_in_days"]))
        for svc in SERVICES:
            self.assertEqual("${var.log_retention_days}", one(service(svc)["log_retention_days"]))
            self.assertEqual("${aws_kms_key.this.arn}", one(service(svc)["log_kms_key_arn"]))
        self.assertIn("'awslogs-group': '${aws_cloudwatch_log_group.this.name}'", container())


class LoadBalancerTest(unittest.TestCase):
    def test_target_group_checks_readiness_on_8080(self):
        tg = resource("aws_lb_target_group", "api")
        self.assertEqual(8080, one(tg["port"]))
        self.assertEqual("ip", one(tg["target_type"]))
        self.assertEqual("/q/health/ready", one(one(tg["health_check"])["path"]))

    def test_https_with_the_certificate_variable_and_http_only_redirects(self):
        https = resource("aws_lb_listener", "https")
        self.assertEqual("HTTPS", one(https["protocol"]))
        self.assertEqual("${var.certificate_arn}", one(https["certificate_arn"]))
        self.assertTrue(one(https["ssl_policy"]).startswith("ELBSecurityPolicy-TLS13"))
        http = resource("aws_lb_listener", "http_redirect")
        action = one(http["default_action"])
        self.assertEqual("redirect", one(action["type"]))
        redirect = one(action["redirect"])
        self.assertEqual("HTTPS", one(redirect["protocol"]))
        self.assertEqual("HTTP_301", one(redirect["status_code"]))

    def test_only_v1_and_the_console_are_forwarded(self):
        rules = [b for t, n, b in blocks("resource", "aws_lb_listener_rule")]
        self.assertEqual(1, len(rules))
        paths = flat(one(one(rules[0]["condition"])["path_pattern"])["values"])
        self.assertEqual(["/v1/*", "/console", "/console/*"], paths)
        self.assertEqual("fixed-response", one(one(resource("aws_lb_listener", "https")["default_action"])["type"]))

    def test_security_groups_admit_only_the_intended_peers(self):
        ingress = {n: b for t, n, b in blocks("resource", "aws_vpc_security_group_ingress_rule")}
        self.assertEqual(
            {"alb_https", "alb_http", "api_from_alb", "db_from_api", "db_from_worker", "redis_from_api"},
            set(ingress),
            "nothing reaches the worker; the data stores only from the services",
        )
        expect = {
            "api_from_alb": ("alb", 8080),
            "db_from_api": ("api", 5432),
            "db_from_worker": ("worker", 5432),
            "redis_from_api": ("api", 6379),
        }
        for n, (peer, port) in expect.items():
            group = f"${{module.{peer}.security_group_id}}" if peer in SERVICES else f"${{aws_security_group.{peer}.id}}"
            self.assertEqual(group, one(ingress[n]["referenced_security_group_id"]), n)
            self.assertEqual(port, one(ingress[n]["from_port"]), n)
            self.assertEqual(port, one(ingress[n]["to_port"]), n)
        for t, n, b in blocks("resource", "aws_ecs_service", SERVICE_DIR):
            network = one(b["network_configuration"])
            self.assertIs(False, one(network["assign_public_ip"]), n)
            self.assertEqual(["${aws_security_group.this.id}"], flat(network["security_groups"]), n)
        # The module's group has no rules of its own: every peer is named above.
        self.assertEqual([], list(blocks("resource", "aws_vpc_security_group_ingress_rule", SERVICE_DIR)))
        self.assertEqual([], list(blocks("resource", "aws_vpc_security_group_egress_rule", SERVICE_DIR)))

    def test_only_the_api_is_behind_the_load_balancer(self):
        lb = one(service("api")["load_balancer"])
        self.assertEqual("${aws_lb_target_group.api.arn}", lb["target_group_arn"])
        self.assertEqual(120, lb["health_check_grace_period_seconds"], "the first start migrates the schema")
        self.assertEqual(8080, one(service("api")["container_port"]))
        self.assertNotIn("load_balancer", service("worker"))
        self.assertIn("aws_lb_listener_rule.api_v1", str(one(service("api")["service_depends_on"])))


class ConventionsTest(unittest.TestCase):
    def test_every_variable_has_type_and_description(self):
        variables = list(blocks("variable"))
        self.assertGreater(len(variables), 20)
        for name, body in variables + list(blocks("variable", directory=SERVICE_DIR)):
            self.assertIn("type", body, name)
            self.assertTrue(one(body.get("description", [""])).strip(), name)

    def test_every_output_has_a_description(self):
        for name, body in list(blocks("output")) + list(blocks("output", directory=SERVICE_DIR)):
            self.assertTrue(one(body.get("description", [""])).strip(), name)

    def test_versions_are_pinned(self):
        tf = one(load("versions.tf")["terraform"])
        self.assertRegex(one(tf["required_version"]), r"^>= 1\.\d+\.\d+$")
        providers = one(tf["required_providers"])
        self.assertRegex(one(one(providers)["aws"])["version"], r"^~> 6\.\d+$")
        self.assertEqual("hashicorp/aws", one(one(providers)["aws"])["source"])

    def test_container_insights_are_on(self):
        setting = one(resource("aws_ecs_cluster", "this")["setting"])
        self.assertEqual(("containerInsights", "enabled"), (one(setting["name"]), one(setting["value"])))

    def test_tfvars_example_names_every_required_variable_and_nothing_else(self):
        with open(TOFU_DIR / "terraform.tfvars.example") as f:
            example = hcl2.load(f)
        variables = dict(blocks("variable"))
        self.assertEqual(set(), set(example) - set(variables), "unknown names in the example")
        required = {n for n, b in variables.items() if "default" not in b}
        self.assertEqual(set(), required - set(example), "required variables missing from the example")

    def test_every_checkov_skip_names_a_check_and_a_reason(self):
        skips = []
        for path in sorted(TOFU_DIR.rglob("*.tf")):
            for line in path.read_text().splitlines():
                if "checkov:skip" in line:
                    skips.append(line.strip())
                    self.assertRegex(line.strip(), r"^#checkov:skip=CKV2?_AWS_\d+:\S.{20,}$", path.name)
        # 13th: CKV2_AWS_57 on the previous master keys' secret (retired, not rotated: infra/README.md).
        self.assertLessEqual(len(skips), 13, "a new skip: justify it, and raise this bound knowingly")

    def test_readme_documents_every_variable(self):
        readme = (REPO / "infra/README.md").read_text()
        table = readme.split("\n## Variables\n", 1)[1].split("\n## ", 1)[0]
        documented = set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))
        self.assertEqual(set(dict(blocks("variable"))), documented)
        for name in API_CONTRACT | WORKER_CONTRACT:
            self.assertIn(name.replace("AGENT_RUNTIME_TEMPORAL_TLS_CLIENT_KEY", "_TLS_CLIENT_KEY"), readme)


class ServiceModuleTest(unittest.TestCase):
    """Each ECS service is one call of modules/service, and a deployment made before moves over."""

    # What a service is made of, now only in the module.
    SERVICE_TYPES = (
        "aws_ecs_task_definition",
        "aws_ecs_service",
        "aws_cloudwatch_log_group",
        "aws_security_group",
        "aws_iam_role",
        "aws_iam_role_policy",
        "aws_appautoscaling_target",
        "aws_appautoscaling_policy",
    )

    def test_the_root_declares_no_service_by_hand(self):
        self.assertEqual(set(SERVICES), {n for n, b in blocks("module")})
        for svc in SERVICES:
            self.assertEqual("./modules/service", one(service(svc)["source"]))
            self.assertEqual(svc, one(service(svc)["service"]))
        self.assertEqual([], list(blocks("resource", "aws_ecs_task_definition")))
        self.assertEqual([], list(blocks("resource", "aws_ecs_service")))
        self.assertEqual([], list(blocks("resource", "aws_appautoscaling_target")))
        self.assertEqual([], list(blocks("resource", "aws_iam_role_policy")))
        roles = {n for t, n, b in blocks("resource", "aws_iam_role")}
        self.assertEqual({"rds_monitoring"}, roles, "the services' roles are the module's")

    def test_every_required_input_is_given_and_nothing_unknown(self):
        inputs = module_variables()
        required = {n for n, b in inputs.items() if "default" not in b}
        for svc in SERVICES:
            given = set(service(svc)) - {"source", "__start_line__", "__end_line__"}
            self.assertEqual(set(), given - set(inputs), f"{svc}: unknown inputs")
            self.assertEqual(set(), required - given, f"{svc}: missing inputs")

    def test_each_service_keeps_its_names(self):
        self.assertEqual("${var.name}-${var.service}", one(locals_(SERVICE_DIR)["full_name"]))
        for svc in SERVICES:
            self.assertEqual("${var.name}", one(service(svc)["name"]))
        self.assertEqual("start-${var.service}-task", one(module_resource("aws_iam_role_policy", "execution")["name"]))
        self.assertEqual("artifact-bucket", one(service("worker")["task_role_policy"])["name"])
        self.assertEqual("tenant-data-keys", one(service("api")["task_role_policy"])["name"])
        self.assertEqual("${local.full_name}-cpu", one(module_resource("aws_appautoscaling_policy", "cpu")["name"]))
        self.assertEqual("Agent Runtime API tasks", one(service("api")["security_group_description"]))
        self.assertEqual(
            "Agent Runtime worker tasks: no ingress", one(service("worker")["security_group_description"])
        )

    def test_moved_blocks_carry_every_former_address_to_one_the_module_has(self):
        moves = {}
        for name, doc in all_files().items():
            for m in doc.get("moved", []):
                source, target = one(m["from"]).strip("${}"), one(m["to"]).strip("${}")
                if name != "moved.tf":
                    # The other moves (data.tf: the master key secret to previous_master_keys, with
                    # count) stay in the root module: DataStoresTest.
                    self.assertNotIn(source.split(".")[0], self.SERVICE_TYPES, f"{name}: {source}")
                    self.assertFalse(target.startswith("module."), f"{name}: {target}")
                    continue
                moves[source] = target
        module_addresses = {f"{t}.{n}" for t, n, b in blocks("resource", directory=SERVICE_DIR)}
        for source, target in moves.items():
            self.assertIn(source.split(".")[0], self.SERVICE_TYPES, source)
            svc, address = re.fullmatch(r"module\.(\w+)\.(.+)", target).groups()
            self.assertIn(svc, SERVICES, target)
            self.assertIn(re.sub(r"\[0\]$", "", address), module_addresses, target)
            self.assertIn(svc, source, f"{source} moves to another service's {target}")
        # Every resource a service had before the module (per service: a task definition, a service,
        # a log group, a security group, two roles, the execution policy and the task policy; the
        # worker's autoscaling target and policy).
        self.assertEqual(8 + 8 + 2, len(moves))
        self.assertEqual(len(moves), len(set(moves.values())), "two addresses move to one")
        self.assertEqual("module.api.aws_ecs_service.fixed[0]", moves["aws_ecs_service.api"])
        self.assertEqual("module.worker.aws_ecs_service.autoscaled[0]", moves["aws_ecs_service.worker"])
        # The task policies are the module's counted one (task_role_policy given).
        self.assertEqual("module.api.aws_iam_role_policy.task[0]", moves["aws_iam_role_policy.api_task"])
        self.assertEqual("module.worker.aws_iam_role_policy.task[0]", moves["aws_iam_role_policy.worker_task"])


if __name__ == "__main__":
    unittest.main()
