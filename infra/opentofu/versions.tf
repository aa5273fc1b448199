terraform {
  # OpenTofu 1.10+ (the checks here run 1.10.10 or newer from scripts/install-tools.sh). Terraform
  # 1.10+ reads the same configuration; OpenTofu is what this repository tests with.
  required_version = ">= 1.10.0"

  required_providers {
    # Not downloadable on the machines that build this repository (no provider registry there), so
    # `tofu init` and `validate` have not run against it: VERSIONS.md and infra/README.md say what
    # was checked instead. Commit the .terraform.lock.hcl that the first real `tofu init` writes.
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # Partial configuration: bucket, key, region and locking come from `-backend-config=backend.hcl`
  # (see backend.hcl.example), so one copy of this code serves every environment.
  backend "s3" {}
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ "app" = var.name, "managed-by" = "opentofu" }, var.tags)
  }
}
