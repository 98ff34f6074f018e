# The processor's container image repository. Tags are immutable (a release tag always means the same
# image, so what was audited is what runs), every push is scanned, and images are encrypted with our key.

resource "aws_ecr_repository" "processor" {
  name                 = "${local.name}/processor"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.data.arn
  }

  tags = merge(local.tags, { Name = "${local.name}-processor" })
}

# Untagged images are leftovers of interrupted pushes; tagged ones are releases and are kept.
resource "aws_ecr_lifecycle_policy" "processor" {
  repository = aws_ecr_repository.processor.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Expire untagged images after ${var.ecr_untagged_image_expiry_days} days"
      selection = {
        tagStatus   = "untagged"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = var.ecr_untagged_image_expiry_days
      }
      action = { type = "expire" }
    }]
  })
}
