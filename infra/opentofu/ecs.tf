resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # ECS Exec is off on both services; should someone turn it on, sessions are encrypted with the
  # deployment key and logged.
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.this.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

# ---------------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------------

resource "aws_ecs_task_definition" "api" {
  family                   = "${var.name}-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.api_cpu
  memory                   = var.api_memory
  execution_role_arn       = aws_iam_role.api_execution.arn
  task_role_arn            = aws_iam_role.api_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The root filesystem is read-only; the JVM and Vert.x write temporary files under /tmp only.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name                   = "api"
    image                  = var.api_image
    essential              = true
    readonlyRootFilesystem = true
    privileged             = false
    portMappings           = [{ containerPort = 8080, protocol = "tcp" }]
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    environment            = local.api_environment
    secrets                = local.api_secrets
    # Quarkus stops accepting requests on SIGTERM and finishes those in flight; SSE clients
    # reconnect to another task with Last-Event-ID.
    stopTimeout = 30
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.api.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "api"
      }
    }
  }])

  lifecycle {
    precondition {
      condition     = var.temporal_auth_mode != "api_key" || var.temporal_api_key_secret_arn != ""
      error_message = "temporal_auth_mode = api_key needs temporal_api_key_secret_arn."
    }
    precondition {
      condition     = var.temporal_auth_mode != "mtls" || (var.temporal_tls_client_cert_secret_arn != "" && var.temporal_tls_client_key_secret_arn != "")
      error_message = "temporal_auth_mode = mtls needs temporal_tls_client_cert_secret_arn and temporal_tls_client_key_secret_arn."
    }
  }
}

resource "aws_ecs_service" "api" {
  name             = "${var.name}-api"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.api.arn
  desired_count    = var.api_desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  # The first start migrates the schema (Flyway) before it answers ready.
  health_check_grace_period_seconds  = 120
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }

  # The target group must be attached to the ALB (through the listener rule) before ECS uses it.
  # A task reads its secrets when it starts: their values must exist by then.
  depends_on = [
    aws_lb_listener_rule.api_v1,
    aws_iam_role_policy.api_execution,
    aws_iam_role_policy.api_task,
    aws_secretsmanager_secret_version.previous_master_keys,
    aws_secretsmanager_secret_version.redis_url,
  ]
}

# ---------------------------------------------------------------------------------------------------
# Worker
# ---------------------------------------------------------------------------------------------------

resource "aws_ecs_task_definition" "worker" {
  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.worker_cpu
  memory                   = var.worker_memory
  execution_role_arn       = aws_iam_role.worker_execution.arn
  task_role_arn            = aws_iam_role.worker_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name                   = "worker"
    image                  = var.worker_image
    essential              = true
    readonlyRootFilesystem = true
    privileged             = false
    # No load balancer: the port serves the container health check (and /q/metrics inside the VPC,
    # should a scraper be allowed in).
    portMappings = [{ containerPort = 8081, protocol = "tcp" }]
    mountPoints  = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    environment  = local.worker_environment
    secrets      = local.worker_secrets
    # SIGTERM, then SIGKILL after stopTimeout. The worker stops polling at once and waits up to
    # AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE for activities in flight; what is still running after
    # that is retried by Temporal on another worker.
    stopTimeout = local.worker_stop_timeout
    # bash's /dev/tcp rather than curl, which a minimal JRE image may not have.
    healthCheck = {
      command     = ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /q/health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.worker.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "worker"
      }
    }
  }])

  lifecycle {
    precondition {
      condition     = var.worker_shutdown_grace_seconds < local.worker_stop_timeout
      error_message = "worker_shutdown_grace_seconds must be below the worker's stopTimeout (120 s)."
    }
    precondition {
      condition     = var.worker_min_count <= var.worker_max_count
      error_message = "worker_min_count must not exceed worker_max_count."
    }
  }
}

resource "aws_ecs_service" "worker" {
  name             = "${var.name}-worker"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.worker.arn
  desired_count    = var.worker_min_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  # New tasks start before old ones are stopped, so a deployment never lowers polling capacity.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.worker.id]
    assign_public_ip = false
  }

  # The autoscaler owns the count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_iam_role_policy.worker_execution, aws_iam_role_policy.worker_task, aws_secretsmanager_secret_version.previous_master_keys]
}

resource "aws_appautoscaling_target" "worker" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.worker.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.worker_min_count
  max_capacity       = var.worker_max_count
}

resource "aws_appautoscaling_policy" "worker_cpu" {
  name               = "${var.name}-worker-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.worker.service_namespace
  resource_id        = aws_appautoscaling_target.worker.resource_id
  scalable_dimension = aws_appautoscaling_target.worker.scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
    target_value = var.worker_cpu_target_percent
    # Scale out fast; scale in slowly, since every task stopped drains for up to two minutes.
    scale_out_cooldown = 60
    scale_in_cooldown  = 300
  }
}
