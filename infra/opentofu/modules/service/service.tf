# The ECS service, in one of two shapes: a fixed count, or a count the autoscaler owns. They are two
# resources because `ignore_changes` cannot depend on an input: a fixed service must apply a changed
# desired_count, an autoscaled one must leave it to the autoscaler. Exactly one of them exists.

resource "aws_ecs_service" "fixed" {
  count = var.autoscaling == null ? 1 : 0

  name             = local.full_name
  cluster          = var.cluster_id
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  health_check_grace_period_seconds = var.load_balancer == null ? null : var.load_balancer.health_check_grace_period_seconds
  # New tasks start before old ones are stopped, so a deployment never lowers capacity.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]
    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = var.service
      container_port   = var.container_port
    }
  }

  # A task reads its secrets when it starts: their values (and its roles' policies) must exist by
  # then; the application uses its task role's permissions from its first request.
  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task, var.service_depends_on]
}

resource "aws_ecs_service" "autoscaled" {
  count = var.autoscaling == null ? 0 : 1

  name             = local.full_name
  cluster          = var.cluster_id
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  health_check_grace_period_seconds  = var.load_balancer == null ? null : var.load_balancer.health_check_grace_period_seconds
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]
    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = var.service
      container_port   = var.container_port
    }
  }

  # The autoscaler owns the count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task, var.service_depends_on]
}

locals {
  service_name = one(concat(aws_ecs_service.fixed[*].name, aws_ecs_service.autoscaled[*].name))
}

resource "aws_appautoscaling_target" "this" {
  count = var.autoscaling == null ? 0 : 1

  service_namespace  = "ecs"
  resource_id        = "service/${var.cluster_name}/${local.service_name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling.min_count
  max_capacity       = var.autoscaling.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  count = var.autoscaling == null ? 0 : 1

  name               = "${local.full_name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
    target_value = var.autoscaling.cpu_target_percent
    # Scale out fast; scale in slowly, since every task stopped drains for up to its stop timeout.
    scale_out_cooldown = 60
    scale_in_cooldown  = 300
  }
}
