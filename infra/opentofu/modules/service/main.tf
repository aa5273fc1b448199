# One ECS service of the deployment: its task definition, service, log group, security group,
# execution and task roles, and (when asked) CPU autoscaling. The API and the worker are two calls
# of this module (../../ecs.tf); what differs between them is in the inputs.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  full_name = "${var.name}-${var.service}"

  # ECR repository of the image, so the execution role pulls this service's image only.
  image_parts    = regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)", var.image)
  repository_arn = "arn:${data.aws_partition.current.partition}:ecr:${local.image_parts[1]}:${local.image_parts[0]}:repository/${local.image_parts[2]}"

  # A secret reference may carry a JSON key (ARN:json-key:version-stage:version-id); IAM wants the
  # secret's own ARN, which is its first seven colon-separated fields. Derived from the container's
  # own list, so the role reads exactly the secrets its container is given.
  secret_arns = distinct([for s in var.secrets : join(":", slice(split(":", s.valueFrom), 0, 7))])

  container = merge(
    {
      name                   = var.service
      image                  = var.image
      essential              = true
      readonlyRootFilesystem = true
      privileged             = false
      portMappings           = [{ containerPort = var.container_port, protocol = "tcp" }]
      mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
      environment            = var.environment
      secrets                = var.secrets
      stopTimeout            = var.stop_timeout
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.this.name
          "awslogs-region"        = var.region
          "awslogs-stream-prefix" = var.service
        }
      }
    },
    var.health_check == null ? {} : { healthCheck = var.health_check },
  )
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}/${var.service}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
}

# The caller adds the rules: they name the peers (load balancer, data stores, other services).
resource "aws_security_group" "this" {
  name        = local.full_name
  description = var.security_group_description
  vpc_id      = var.vpc_id
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.full_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The root filesystem is read-only; the JVM and Vert.x write temporary files under /tmp only.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([local.container])

  lifecycle {
    precondition {
      condition     = alltrue([for c in var.preconditions : c.condition])
      error_message = "The ${var.service} service: ${join(" ", [for c in var.preconditions : c.error_message if !c.condition])}"
    }
  }
}
