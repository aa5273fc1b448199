# The services moved into modules/service (one call per service, ecs.tf). These blocks carry the
# state of a deployment made before that over to the module's addresses, so `tofu plan` shows moves,
# not a destroy and a create. Keep them until every deployment has applied once since.

moved {
  from = aws_ecs_task_definition.api
  to   = module.api.aws_ecs_task_definition.this
}

moved {
  from = aws_ecs_service.api
  to   = module.api.aws_ecs_service.fixed[0]
}

moved {
  from = aws_cloudwatch_log_group.api
  to   = module.api.aws_cloudwatch_log_group.this
}

moved {
  from = aws_security_group.api
  to   = module.api.aws_security_group.this
}

moved {
  from = aws_iam_role.api_execution
  to   = module.api.aws_iam_role.execution
}

moved {
  from = aws_iam_role_policy.api_execution
  to   = module.api.aws_iam_role_policy.execution
}

moved {
  from = aws_iam_role.api_task
  to   = module.api.aws_iam_role.task
}

# The API's task policy (tenant data keys, KMS) was added beside the per-service blocks; a deployment
# applied with it before the module carries it over like the worker's.
moved {
  from = aws_iam_role_policy.api_task
  to   = module.api.aws_iam_role_policy.task[0]
}

moved {
  from = aws_ecs_task_definition.worker
  to   = module.worker.aws_ecs_task_definition.this
}

moved {
  from = aws_ecs_service.worker
  to   = module.worker.aws_ecs_service.autoscaled[0]
}

moved {
  from = aws_cloudwatch_log_group.worker
  to   = module.worker.aws_cloudwatch_log_group.this
}

moved {
  from = aws_security_group.worker
  to   = module.worker.aws_security_group.this
}

moved {
  from = aws_iam_role.worker_execution
  to   = module.worker.aws_iam_role.execution
}

moved {
  from = aws_iam_role_policy.worker_execution
  to   = module.worker.aws_iam_role_policy.execution
}

moved {
  from = aws_iam_role.worker_task
  to   = module.worker.aws_iam_role.task
}

moved {
  from = aws_iam_role_policy.worker_task
  to   = module.worker.aws_iam_role_policy.task[0]
}

moved {
  from = aws_appautoscaling_target.worker
  to   = module.worker.aws_appautoscaling_target.this[0]
}

moved {
  from = aws_appautoscaling_policy.worker_cpu
  to   = module.worker.aws_appautoscaling_policy.cpu[0]
}
