# ---------------------------------------------------------------------------------------------------
# Placement
# ---------------------------------------------------------------------------------------------------

variable "name" {
  type        = string
  description = "Prefix of every resource name (cluster, services, roles, log groups, database)."
  default     = "agent-runtime"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.name))
    error_message = "name must be 2-23 lower-case letters, digits or dashes, starting with a letter (ALB and target group names are limited to 32 characters)."
  }
}

variable "region" {
  type        = string
  description = "AWS region to deploy into, e.g. eu-west-1."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource, besides app and managed-by."
  default     = {}
}

variable "vpc_id" {
  type        = string
  description = "Existing VPC to deploy into. This module creates no network: see infra/README.md."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets (at least two AZs) for the tasks, RDS and ElastiCache. They need a route to ECR, Secrets Manager, CloudWatch Logs, S3 and Temporal: a NAT gateway or VPC endpoints."

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "Give at least two private subnets in different availability zones."
  }
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Subnets of the load balancer: public ones for an internet-facing ALB, private ones when alb_internal is true."

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "An ALB needs subnets in at least two availability zones."
  }
}

# ---------------------------------------------------------------------------------------------------
# Load balancer
# ---------------------------------------------------------------------------------------------------

variable "certificate_arn" {
  type        = string
  description = "ACM certificate ARN of the HTTPS listener (in the same region)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "alb_internal" {
  type        = bool
  description = "Make the ALB internal (reachable only inside the VPC), e.g. behind a company gateway."
  default     = false
}

variable "alb_ingress_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the ALB on 443 (and on 80, which only redirects)."
  default     = ["0.0.0.0/0"]
}

variable "alb_deletion_protection" {
  type        = bool
  description = "Refuse to delete the ALB until this is set to false and applied."
  default     = true
}

variable "alb_access_logs_bucket" {
  type        = string
  description = "Existing S3 bucket (with the ELB log delivery policy) for ALB access logs; empty for none."
  default     = ""
}

variable "waf_web_acl_arn" {
  type        = string
  description = "WAFv2 web ACL (REGIONAL scope) to associate with the ALB; empty for none."
  default     = ""
}

# ---------------------------------------------------------------------------------------------------
# Images and sizes
# ---------------------------------------------------------------------------------------------------

variable "api_image" {
  type        = string
  description = "API image in ECR, with a tag or (better) a digest: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent-runtime-api@sha256:..."

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.api_image))
    error_message = "api_image must be an ECR image URI with a tag or a sha256 digest."
  }
}

variable "worker_image" {
  type        = string
  description = "Worker image in ECR, with a tag or (better) a digest: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent-runtime-worker@sha256:..."

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.worker_image))
    error_message = "worker_image must be an ECR image URI with a tag or a sha256 digest."
  }
}

variable "cpu_architecture" {
  type        = string
  description = "CPU architecture of the images: X86_64 or ARM64 (Graviton)."
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "api_cpu" {
  type        = number
  description = "Fargate CPU units of one API task (1024 = 1 vCPU)."
  default     = 1024
}

variable "api_memory" {
  type        = number
  description = "Memory (MiB) of one API task; must be valid for api_cpu on Fargate."
  default     = 2048
}

variable "api_desired_count" {
  type        = number
  description = "Number of API tasks."
  default     = 2
}

variable "worker_cpu" {
  type        = number
  description = "Fargate CPU units of one worker task (1024 = 1 vCPU)."
  default     = 1024
}

variable "worker_memory" {
  type        = number
  description = "Memory (MiB) of one worker task; must be valid for worker_cpu on Fargate."
  default     = 2048
}

variable "worker_min_count" {
  type        = number
  description = "Fewest worker tasks the autoscaler keeps (also the initial desired count)."
  default     = 2
}

variable "worker_max_count" {
  type        = number
  description = "Most worker tasks the autoscaler starts."
  default     = 10

  validation {
    condition     = var.worker_max_count >= 1
    error_message = "worker_max_count must be at least 1."
  }
}

variable "worker_cpu_target_percent" {
  type        = number
  description = "Average CPU utilisation of the worker service that target tracking holds."
  default     = 60

  validation {
    condition     = var.worker_cpu_target_percent > 0 && var.worker_cpu_target_percent <= 100
    error_message = "worker_cpu_target_percent must be in (0, 100]."
  }
}

variable "worker_shutdown_grace_seconds" {
  type        = number
  description = "How long the worker drains in-flight activities after SIGTERM (AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE). Must stay below the 120 s stopTimeout, after which ECS sends SIGKILL."
  default     = 100

  validation {
    condition     = var.worker_shutdown_grace_seconds > 0 && var.worker_shutdown_grace_seconds <= 110
    error_message = "worker_shutdown_grace_seconds must be in (0, 110]: at least 10 s below the 120 s stopTimeout, for the JVM to exit after draining."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the CloudWatch log groups, in days (one of the values CloudWatch accepts)."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts."
  }
}

# ---------------------------------------------------------------------------------------------------
# PostgreSQL (RDS)
# ---------------------------------------------------------------------------------------------------

variable "db_engine_version" {
  type        = string
  description = "PostgreSQL engine version on RDS (major 16)."
  default     = "16"

  validation {
    condition     = can(regex("^16(\\.[0-9]+)?$", var.db_engine_version))
    error_message = "db_engine_version must be PostgreSQL 16 (\"16\" or \"16.x\")."
  }
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.medium"
}

variable "db_allocated_storage" {
  type        = number
  description = "Initial storage of the database, in GiB (gp3)."
  default     = 50
}

variable "db_max_allocated_storage" {
  type        = number
  description = "Upper bound of RDS storage autoscaling, in GiB."
  default     = 500
}

variable "db_multi_az" {
  type        = bool
  description = "Run the database Multi-AZ (a standby in another AZ)."
  default     = true
}

variable "db_backup_retention_days" {
  type        = number
  description = "Days of automated backups (point-in-time recovery) kept."
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be 1-35: backups stay on."
  }
}

variable "db_deletion_protection" {
  type        = bool
  description = "Refuse to delete the database until this is set to false and applied."
  default     = true
}

variable "db_name" {
  type        = string
  description = "Name of the database the application uses."
  default     = "agentruntime"
}

variable "db_username" {
  type        = string
  description = "Master user name; its password is generated and kept in Secrets Manager by RDS."
  default     = "agentruntime"
}

# ---------------------------------------------------------------------------------------------------
# Redis (ElastiCache)
# ---------------------------------------------------------------------------------------------------

variable "redis_node_type" {
  type        = string
  description = "ElastiCache node type."
  default     = "cache.t4g.small"
}

variable "redis_engine_version" {
  type        = string
  description = "ElastiCache Redis OSS engine version."
  default     = "7.1"
}

variable "redis_num_cache_clusters" {
  type        = number
  description = "Nodes in the replication group (1 primary + replicas, spread over AZs); at least 2, for automatic failover."
  default     = 2

  validation {
    condition     = var.redis_num_cache_clusters >= 2 && var.redis_num_cache_clusters <= 6
    error_message = "redis_num_cache_clusters must be 2-6: Multi-AZ automatic failover needs a replica."
  }
}

# ---------------------------------------------------------------------------------------------------
# S3
# ---------------------------------------------------------------------------------------------------

variable "artifact_bucket_name" {
  type        = string
  description = "Name of the S3 bucket for run data and artifacts; empty for a generated name starting with name."
  default     = ""
}

variable "artifact_noncurrent_version_days" {
  type        = number
  description = "Days a replaced or deleted object version is kept before it expires."
  default     = 30
}

variable "run_data_expiry_days" {
  type        = number
  description = "Days after which run data under tenants/ expires in the bucket whatever the API's purge did: a backstop, above the longest retention and legal hold granted; 0 for none (the default: the bucket cannot see legal holds)."
  default     = 0
  validation {
    condition     = var.run_data_expiry_days == 0 || var.run_data_expiry_days >= 30
    error_message = "run_data_expiry_days must be 0 (off) or at least 30 (above the default retention of succeeded runs)."
  }
}

variable "s3_access_logs_bucket" {
  type        = string
  description = "Existing S3 bucket for server access logs of the artifact bucket; empty for none."
  default     = ""
}

# ---------------------------------------------------------------------------------------------------
# Temporal
# ---------------------------------------------------------------------------------------------------

variable "temporal_address" {
  type        = string
  description = "Temporal frontend host:port, e.g. my-ns.a1b2c.tmprl.cloud:7233 (Temporal Cloud) or temporal.internal:7233."

  validation {
    condition     = can(regex("^[A-Za-z0-9.-]+:[0-9]{1,5}$", var.temporal_address))
    error_message = "temporal_address must be host:port."
  }
}

variable "temporal_namespace" {
  type        = string
  description = "Temporal namespace, e.g. my-ns.a1b2c on Temporal Cloud."
}

variable "temporal_auth_mode" {
  type        = string
  description = "How the services reach Temporal: plaintext (self-hosted, no TLS), api_key (Temporal Cloud API key over TLS) or mtls (client certificate and key over TLS)."
  default     = "api_key"

  validation {
    condition     = contains(["plaintext", "api_key", "mtls"], var.temporal_auth_mode)
    error_message = "temporal_auth_mode must be plaintext, api_key or mtls."
  }
}

variable "temporal_api_key_secret_arn" {
  type        = string
  description = "Secrets Manager secret holding the Temporal Cloud API key (temporal_auth_mode = api_key)."
  default     = ""
}

variable "temporal_tls_client_cert_secret_arn" {
  type        = string
  description = "Secrets Manager secret holding the client certificate PEM (temporal_auth_mode = mtls)."
  default     = ""
}

variable "temporal_tls_client_key_secret_arn" {
  type        = string
  description = "Secrets Manager secret holding the client private key PEM (temporal_auth_mode = mtls)."
  default     = ""
}

variable "temporal_egress_cidrs" {
  type        = list(string)
  description = "Where the services may open connections to the Temporal port. Temporal Cloud has no fixed addresses: keep 0.0.0.0/0 there, or narrow it to a self-hosted cluster's subnets."
  default     = ["0.0.0.0/0"]
}

# ---------------------------------------------------------------------------------------------------
# Identity, model keys, telemetry
# ---------------------------------------------------------------------------------------------------

variable "oidc_issuer" {
  type        = string
  description = "Issuer (iss) the API accepts, e.g. https://keycloak.example.com/realms/agent-runtime."

  validation {
    condition     = can(regex("^https://", var.oidc_issuer))
    error_message = "oidc_issuer must be an https URL."
  }
}

variable "oidc_jwks_url" {
  type        = string
  description = "The issuer's JWKS URL, e.g. https://keycloak.example.com/realms/agent-runtime/protocol/openid-connect/certs."

  validation {
    condition     = can(regex("^https://", var.oidc_jwks_url))
    error_message = "oidc_jwks_url must be an https URL."
  }
}

variable "model_api_key_secret_arns" {
  type        = map(string)
  description = "Model API keys of the worker: environment variable name => Secrets Manager secret ARN (optionally with :json-key:: suffix), e.g. { OPENAI_API_KEY = \"arn:aws:secretsmanager:...\" }. Agents reference them as env:NAME, and only where platform_secret_grants grants that reference to their tenant: grant each bound to its provider's host, e.g. env:OPENAI_API_KEY=*@api.openai.com."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.model_api_key_secret_arns) : can(regex("^[A-Z][A-Z0-9_]*$", k)) && !startswith(k, "AGENT_RUNTIME_") && !startswith(k, "QUARKUS_") && !startswith(k, "MP_")])
    error_message = "Model key names must be upper-case environment names and must not start with AGENT_RUNTIME_, QUARKUS_ or MP_ (those are the runtime's own settings)."
  }

  validation {
    condition     = alltrue([for v in values(var.model_api_key_secret_arns) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:", v))])
    error_message = "Model key values must be Secrets Manager secret ARNs."
  }
}

variable "platform_secret_grants" {
  type        = string
  description = "Which tenants may use which platform secret (the keys of model_api_key_secret_arns, as env:NAME) and where it may be sent: REF=TENANTS[@DESTINATIONS][;...], TENANTS * or tenant ids separated by commas, e.g. env:OPENAI_API_KEY=*@api.openai.com;env:ANTHROPIC_API_KEY=acme,globex@api.anthropic.com. The same value reaches the API and the worker (AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS). Empty: none (deny by default)."
  default     = ""

  validation {
    condition     = !can(regex("[[:cntrl:]]", var.platform_secret_grants))
    error_message = "platform_secret_grants is one line: no line break or other control character."
  }

  validation {
    condition     = !can(regex("(?i)env:(AGENT_RUNTIME_|QUARKUS_|MP_)", var.platform_secret_grants))
    error_message = "platform_secret_grants must not grant the runtime's own settings (env:AGENT_RUNTIME_*, QUARKUS_*, MP_*): they hold the master keys and the database password."
  }
}

variable "previous_master_keys" {
  type        = list(string)
  description = "Master keys that wrapped tenant data keys before the deployment's KMS key did (standard base64 of 32 bytes each), other than the one this configuration generated (see generated_master_key_retired): the API re-wraps their data keys under KMS at start-up, after which they can be removed (infra/README.md). Pass them with TF_VAR_previous_master_keys rather than in a file. Empty otherwise."
  default     = []
  sensitive   = true

  validation {
    condition     = alltrue([for k in var.previous_master_keys : can(regex("^[A-Za-z0-9+/]{43}=$", k))])
    error_message = "Each element of previous_master_keys must be one key: 32 bytes in standard base64 (44 characters, the last one =)."
  }
}

variable "generated_master_key_retired" {
  type        = bool
  description = "Whether the master key this configuration generated before tenant data keys were wrapped by KMS is retired. false (the default) keeps it as a previous key, so that upgrading a deployment from before KMS loses nothing; set true once the API has started with KMS and logged that every data key is re-wrapped (infra/README.md), or at once on a new deployment."
  default     = false
}

variable "secrets_kms_key_arns" {
  type        = list(string)
  description = "Customer-managed KMS keys that encrypt the secrets you pass in (Temporal, model keys); the execution roles may decrypt with them through Secrets Manager only."
  default     = []
}

variable "egress_grants" {
  type        = string
  description = "Internal destinations tenants may reach although the worker's egress policy refuses their addresses (private ranges, egress_deployment_networks): DESTINATION=TENANTS[;...], DESTINATION an egressAllowlist entry or host:* for any port, e.g. http://ollama.internal:11434=*;http://10.0.0.5:*=acme (AGENT_RUNTIME_EGRESS_GRANTS, worker only). Empty: none, tenants reach public addresses only."
  default     = ""

  validation {
    condition     = !can(regex("[[:cntrl:]]", var.egress_grants))
    error_message = "egress_grants is one line: no line break or other control character."
  }
}

variable "egress_deployment_networks" {
  type        = list(string)
  description = "The deployment's own networks (CIDRs), which the worker refuses to connect to for a tenant like private ranges, unless egress_grants names the destination (AGENT_RUNTIME_EGRESS_DEPLOYMENT_NETWORKS). null: the VPC's IPv4 and IPv6 blocks; [] for none. Add e.g. the public range of your own load balancers."
  default     = null

  validation {
    condition     = alltrue([for c in coalesce(var.egress_deployment_networks, []) : can(cidrhost(c, 0))])
    error_message = "egress_deployment_networks must be CIDR blocks, e.g. 10.0.0.0/16 or 2001:db8::/56."
  }
}

variable "worker_egress_ports" {
  type        = list(number)
  description = "TCP ports the worker may reach anywhere (model APIs, HTTP tools, MCP servers, AWS APIs). The worker's own egress allowlist and SSRF rules are the finer control."
  default     = [80, 443]
}

variable "otel_exporter_otlp_endpoint" {
  type        = string
  description = "OTLP http/protobuf endpoint for traces (Langfuse: <langfuse>/api/public/otel); empty keeps tracing off."
  default     = ""
}
