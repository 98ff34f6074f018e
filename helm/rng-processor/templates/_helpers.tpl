{{/*
Names, labels and the checks that refuse a contradictory set of values.
*/}}

{{- define "rng-processor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "rng-processor.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rng-processor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that never change for the life of a release: the selector. */}}
{{- define "rng-processor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rng-processor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "rng-processor.labels" -}}
helm.sh/chart: {{ include "rng-processor.chart" . }}
{{ include "rng-processor.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: processor
app.kubernetes.io/part-of: rng-stream
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "rng-processor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rng-processor.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "rng-processor.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* True ("true") when the pods are made by a Rollout instead of a Deployment. */}}
{{- define "rng-processor.isRollout" -}}
{{- if and .Values.rollout.enabled (eq .Values.workload.kind "Deployment") }}true{{ end }}
{{- end }}

{{/* The object autoscalers scale. */}}
{{- define "rng-processor.scaleTargetRef" -}}
{{- if include "rng-processor.isRollout" . }}
apiVersion: argoproj.io/v1alpha1
kind: Rollout
{{- else }}
apiVersion: apps/v1
kind: {{ .Values.workload.kind }}
{{- end }}
name: {{ include "rng-processor.fullname" . }}
{{- end }}

{{/* Name of the Secret holding the signing key. */}}
{{- define "rng-processor.signingKeySecretName" -}}
{{- if .Values.secrets.signingKey.existingSecret }}
{{- .Values.secrets.signingKey.existingSecret }}
{{- else if .Values.externalSecrets.enabled }}
{{- printf "%s-signing-key" (include "rng-processor.fullname" .) }}
{{- end }}
{{- end }}

{{/* Name of the Secret holding the Kafka SCRAM credentials. */}}
{{- define "rng-processor.kafkaCredentialsSecretName" -}}
{{- if .Values.secrets.kafkaCredentials.existingSecret }}
{{- .Values.secrets.kafkaCredentials.existingSecret }}
{{- else if .Values.externalSecrets.enabled }}
{{- printf "%s-kafka-credentials" (include "rng-processor.fullname" .) }}
{{- end }}
{{- end }}

{{/* A processor setting as the properties file writes it: whole numbers without an exponent. */}}
{{- define "rng-processor.propertyValue" -}}
{{- $v := . }}
{{- if kindIs "float64" $v }}
{{- if eq $v (float64 (int64 $v)) }}{{ int64 $v }}{{ else }}{{ $v }}{{ end }}
{{- else }}
{{- toString $v }}
{{- end }}
{{- end }}

{{/*
Values that contradict each other or the processor: refuse them with a message naming the keys.
Called from every template that depends on them, so `helm template` fails whatever is rendered.
*/}}
{{- define "rng-processor.validate" -}}
{{- $partitions := int .Values.kafka.requestsTopicPartitions }}
{{- if and .Values.autoscaling.enabled .Values.keda.enabled }}
{{- fail "autoscaling.enabled and keda.enabled are both true: choose the HPA on CPU or the KEDA ScaledObject on lag, not both (they would fight over the replica count)" }}
{{- end }}
{{- if gt (int .Values.workload.replicas) $partitions }}
{{- fail (printf "workload.replicas (%d) is above kafka.requestsTopicPartitions (%d): instances beyond the partition count of the requests topic get no partition" (int .Values.workload.replicas) $partitions) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.maxReplicas) $partitions }}
{{- fail (printf "autoscaling.maxReplicas (%d) is above kafka.requestsTopicPartitions (%d)" (int .Values.autoscaling.maxReplicas) $partitions) }}
{{- end }}
{{- if gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas) }}
{{- fail "autoscaling.minReplicas is above autoscaling.maxReplicas" }}
{{- end }}
{{- end }}
{{- if .Values.keda.enabled }}
{{- if gt (int .Values.keda.maxReplicaCount) $partitions }}
{{- fail (printf "keda.maxReplicaCount (%d) is above kafka.requestsTopicPartitions (%d)" (int .Values.keda.maxReplicaCount) $partitions) }}
{{- end }}
{{- if gt (int .Values.keda.minReplicaCount) (int .Values.keda.maxReplicaCount) }}
{{- fail "keda.minReplicaCount is above keda.maxReplicaCount" }}
{{- end }}
{{- if and (eq .Values.kafka.auth "msk-iam") (not .Values.keda.awsRegion) }}
{{- fail "keda.awsRegion is required when keda.enabled and kafka.auth is msk-iam" }}
{{- end }}
{{- end }}
{{- $shutdownMs := int64 (index .Values.config "shutdown.timeout-ms" | default 30000) }}
{{- if le (mul (int64 .Values.workload.terminationGracePeriodSeconds) 1000) $shutdownMs }}
{{- fail (printf "workload.terminationGracePeriodSeconds (%d s) must be longer than config shutdown.timeout-ms (%d ms), or the kubelet kills the processor before Kafka Streams has closed" (int64 .Values.workload.terminationGracePeriodSeconds) $shutdownMs) }}
{{- end }}
{{- if and .Values.rollout.enabled (ne .Values.workload.kind "Deployment") }}
{{- fail "rollout.enabled replaces a Deployment with a Rollout: it needs workload.kind Deployment" }}
{{- end }}
{{- if and .Values.secrets.signingKey.enabled (not (include "rng-processor.signingKeySecretName" .)) }}
{{- fail "secrets.signingKey.enabled needs secrets.signingKey.existingSecret or externalSecrets.enabled with externalSecrets.signingKey.remoteKey" }}
{{- end }}
{{- if and .Values.secrets.signingKey.enabled .Values.externalSecrets.enabled (not .Values.secrets.signingKey.existingSecret) (not .Values.externalSecrets.signingKey.remoteKey) }}
{{- fail "externalSecrets.signingKey.remoteKey is required to make the signing-key Secret (or set secrets.signingKey.existingSecret)" }}
{{- end }}
{{- if and (eq (toString (index .Values.config "mode")) "production") (not .Values.secrets.signingKey.enabled) }}
{{- fail "config mode production needs secrets.signingKey.enabled: the processor refuses to start in production without its signing key" }}
{{- end }}
{{- if eq .Values.kafka.auth "scram-sha-512" }}
{{- if not (include "rng-processor.kafkaCredentialsSecretName" .) }}
{{- fail "kafka.auth scram-sha-512 needs secrets.kafkaCredentials.existingSecret or externalSecrets.enabled with externalSecrets.kafkaCredentials.remoteKey" }}
{{- end }}
{{- if and .Values.externalSecrets.enabled (not .Values.secrets.kafkaCredentials.existingSecret) (not .Values.externalSecrets.kafkaCredentials.remoteKey) }}
{{- fail "externalSecrets.kafkaCredentials.remoteKey is required to make the Kafka credentials Secret (or set secrets.kafkaCredentials.existingSecret)" }}
{{- end }}
{{- end }}
{{- if .Values.secrets.kafkaTls.enabled }}
{{- if not .Values.secrets.kafkaTls.existingSecret }}
{{- fail "secrets.kafkaTls.enabled needs secrets.kafkaTls.existingSecret (a Secret with the PKCS12 keystore and/or truststore and their password)" }}
{{- end }}
{{- if eq .Values.kafka.auth "plaintext" }}
{{- fail "secrets.kafkaTls.enabled needs kafka.auth tls or scram-sha-512: a plaintext connection uses no keystore" }}
{{- end }}
{{- if and (not .Values.secrets.kafkaTls.keystoreKey) (not .Values.secrets.kafkaTls.truststoreKey) }}
{{- fail "secrets.kafkaTls.enabled needs secrets.kafkaTls.keystoreKey (mutual TLS) or secrets.kafkaTls.truststoreKey (private CA)" }}
{{- end }}
{{- end }}
{{- if and (eq .Values.kafka.auth "msk-iam") .Values.serviceAccount.create (not .Values.serviceAccount.irsaRoleArn) (not (hasKey .Values.serviceAccount.annotations "eks.amazonaws.com/role-arn")) }}
{{- fail "kafka.auth msk-iam needs serviceAccount.irsaRoleArn (terraform output processor_role_arn)" }}
{{- end }}
{{- end }}

{{/* One egress rule to CIDRs and/or a namespace on TCP ports; nothing when there is no destination
     (a rule without `to` would admit every address). */}}
{{- define "rng-processor.egressRule" -}}
{{- if or .cidrs .namespace }}
- to:
    {{- range .cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
    {{- with .namespace }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ . }}
    {{- end }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- end }}
