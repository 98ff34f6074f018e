{{/*
The pod template shared by the Deployment, the StatefulSet and the Rollout.
Paths and ports are the processor's own: /health and /ready on the management port
(processor/src/main/java/io/rngstream/processor/observe/ManagementServer.java, docs/metrics.md).
*/}}
{{- define "rng-processor.podTemplate" -}}
{{- $fullname := include "rng-processor.fullname" . -}}
{{- $statefulSet := eq .Values.workload.kind "StatefulSet" -}}
{{- $persistentState := and $statefulSet .Values.state.persistence.enabled -}}
metadata:
  labels:
    {{- include "rng-processor.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # A changed setting rolls the pods: the processor reads its settings once, at start.
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "rng-processor.serviceAccountName" . }}
  automountServiceAccountToken: {{ .Values.automountServiceAccountToken }}
  enableServiceLinks: false
  {{- with .Values.workload.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  terminationGracePeriodSeconds: {{ .Values.workload.terminationGracePeriodSeconds }}
  securityContext:
    runAsNonRoot: true
    # The image's non-root user (uid/gid 10001).
    runAsUser: 10001
    runAsGroup: 10001
    # Volumes (the state claim, the signing key) are group-readable/writable by 10001.
    fsGroup: 10001
    fsGroupChangePolicy: OnRootMismatch
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: processor
      image: {{ include "rng-processor.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        privileged: false
        capabilities:
          drop:
            - ALL
        seccompProfile:
          type: RuntimeDefault
      ports:
        - name: management
          containerPort: {{ .Values.management.port }}
          protocol: TCP
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        # Who answered, recorded in every audit record.
        - name: RNG_INSTANCE_ID
          value: "$(POD_NAME)"
        {{- if and $statefulSet .Values.kafka.staticMembership }}
        # Static membership: the stable pod name of a StatefulSet keeps its partitions over a restart.
        - name: RNG_KAFKA_GROUP_INSTANCE_ID
          value: "$(POD_NAME)"
        {{- end }}
        - name: RNG_CONFIG_FILE
          value: /etc/rng-stream/config/processor.properties
        - name: RNG_STATE_DIR
          value: {{ .Values.state.mountPath | quote }}
        - name: RNG_MANAGEMENT_HOST
          value: "0.0.0.0"
        - name: RNG_MANAGEMENT_PORT
          value: {{ .Values.management.port | quote }}
        {{- include "rng-processor.kafkaAuthEnv" . | trim | nindent 8 }}
        {{- include "rng-processor.kafkaTlsEnv" . | trim | nindent 8 }}
        {{- if .Values.secrets.signingKey.enabled }}
        - name: RNG_SIGNING_KEY_FILE
          value: {{ printf "/etc/rng-stream/signing/%s" .Values.secrets.signingKey.key | quote }}
        {{- with .Values.secrets.signingKey.retiredPublicKeysKey }}
        - name: RNG_SIGNING_RETIRED_PUBLIC_KEYS_FILE
          value: {{ printf "/etc/rng-stream/signing/%s" . | quote }}
        {{- end }}
        {{- end }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ include "rng-processor.javaToolOptions" . | quote }}
        {{- if .Values.otel.endpoint }}
        - name: OTEL_EXPORTER_OTLP_ENDPOINT
          value: {{ .Values.otel.endpoint | quote }}
        - name: OTEL_EXPORTER_OTLP_PROTOCOL
          value: {{ .Values.otel.protocol | quote }}
        - name: OTEL_TRACES_SAMPLER
          value: parentbased_traceidratio
        - name: OTEL_TRACES_SAMPLER_ARG
          value: {{ .Values.otel.samplerRatio | toString | quote }}
        # Metrics go to Prometheus and logs to stdout; only traces leave over OTLP.
        - name: OTEL_METRICS_EXPORTER
          value: none
        - name: OTEL_LOGS_EXPORTER
          value: none
        {{- end }}
        - name: OTEL_SERVICE_NAME
          value: {{ .Values.otel.serviceName | quote }}
        - name: OTEL_RESOURCE_ATTRIBUTES
          value: "service.instance.id=$(POD_NAME),k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)"
        {{- range $name, $value := .Values.extraEnv }}
        - name: {{ $name }}
          value: {{ $value | toString | quote }}
        {{- end }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      startupProbe:
        httpGet:
          path: /health
          port: management
        periodSeconds: {{ .Values.probes.startup.periodSeconds }}
        failureThreshold: {{ .Values.probes.startup.failureThreshold }}
        timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
      livenessProbe:
        httpGet:
          path: /health
          port: management
        periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
        failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
        timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
      readinessProbe:
        httpGet:
          path: /ready
          port: management
        periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
        failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
        timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
      volumeMounts:
        - name: state
          mountPath: {{ .Values.state.mountPath }}
        - name: tmp
          mountPath: /tmp
        - name: config
          mountPath: /etc/rng-stream/config
          readOnly: true
        {{- if .Values.secrets.signingKey.enabled }}
        - name: signing-key
          mountPath: /etc/rng-stream/signing
          readOnly: true
        {{- end }}
        {{- if .Values.secrets.kafkaTls.enabled }}
        - name: kafka-tls
          mountPath: /etc/rng-stream/kafka-tls
          readOnly: true
        {{- end }}
  volumes:
    {{- if not $persistentState }}
    - name: state
      emptyDir:
        sizeLimit: {{ .Values.state.sizeLimit }}
    {{- end }}
    - name: tmp
      emptyDir:
        sizeLimit: {{ .Values.tmp.sizeLimit }}
    - name: config
      configMap:
        name: {{ $fullname }}
    {{- if .Values.secrets.signingKey.enabled }}
    - name: signing-key
      secret:
        secretName: {{ include "rng-processor.signingKeySecretName" . }}
        items:
          - key: {{ .Values.secrets.signingKey.key }}
            path: {{ .Values.secrets.signingKey.key }}
          {{- with .Values.secrets.signingKey.retiredPublicKeysKey }}
          - key: {{ . }}
            path: {{ . }}
          {{- end }}
        # 0440: readable by the fsGroup (10001) only.
        defaultMode: 288
    {{- end }}
    {{- if .Values.secrets.kafkaTls.enabled }}
    - name: kafka-tls
      secret:
        secretName: {{ .Values.secrets.kafkaTls.existingSecret }}
        items:
          {{- with .Values.secrets.kafkaTls.keystoreKey }}
          - key: {{ . }}
            path: {{ . }}
          {{- end }}
          {{- with .Values.secrets.kafkaTls.truststoreKey }}
          - key: {{ . }}
            path: {{ . }}
          {{- end }}
        # 0440: readable by the fsGroup (10001) only. The password is not mounted: it comes by secretKeyRef.
        defaultMode: 288
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with include "rng-processor.affinity" . | trim }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- with include "rng-processor.topologySpread" . | trim }}
  {{- . | nindent 2 }}
  {{- end }}
{{- end }}

{{/* Kafka security settings per kafka.auth, as RNG_KAFKA_* variables (they win over the properties file). */}}
{{- define "rng-processor.kafkaAuthEnv" -}}
{{- if eq .Values.kafka.auth "plaintext" }}
- name: RNG_KAFKA_SECURITY_PROTOCOL
  value: PLAINTEXT
{{- else if eq .Values.kafka.auth "tls" }}
- name: RNG_KAFKA_SECURITY_PROTOCOL
  value: SSL
{{- else if eq .Values.kafka.auth "msk-iam" }}
# SASL/IAM over TLS; credentials come from the IRSA role of the service account
# (needs software.amazon.msk:aws-msk-iam-auth on the processor's classpath).
- name: RNG_KAFKA_SECURITY_PROTOCOL
  value: SASL_SSL
- name: RNG_KAFKA_SASL_MECHANISM
  value: AWS_MSK_IAM
- name: RNG_KAFKA_SASL_JAAS_CONFIG
  value: "software.amazon.msk.auth.iam.IAMLoginModule required;"
- name: RNG_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS
  value: software.amazon.msk.auth.iam.IAMClientCallbackHandler
{{- else if eq .Values.kafka.auth "scram-sha-512" }}
- name: KAFKA_SCRAM_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "rng-processor.kafkaCredentialsSecretName" . }}
      key: {{ .Values.secrets.kafkaCredentials.usernameKey }}
- name: KAFKA_SCRAM_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "rng-processor.kafkaCredentialsSecretName" . }}
      key: {{ .Values.secrets.kafkaCredentials.passwordKey }}
- name: RNG_KAFKA_SECURITY_PROTOCOL
  value: SASL_SSL
- name: RNG_KAFKA_SASL_MECHANISM
  value: SCRAM-SHA-512
# The kubelet expands $(VAR) from the two variables above; the pod spec itself holds no secret.
- name: RNG_KAFKA_SASL_JAAS_CONFIG
  value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="$(KAFKA_SCRAM_USERNAME)" password="$(KAFKA_SCRAM_PASSWORD)";'
{{- end }}
{{- end }}

{{/* Client keystore (mutual TLS) and truststore (private CA) from secrets.kafkaTls, as RNG_KAFKA_SSL_* variables. */}}
{{- define "rng-processor.kafkaTlsEnv" -}}
{{- with .Values.secrets.kafkaTls }}
{{- if .enabled }}
{{- if .keystoreKey }}
- name: RNG_KAFKA_SSL_KEYSTORE_LOCATION
  value: {{ printf "/etc/rng-stream/kafka-tls/%s" .keystoreKey | quote }}
- name: RNG_KAFKA_SSL_KEYSTORE_TYPE
  value: PKCS12
- name: RNG_KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
- name: RNG_KAFKA_SSL_KEY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- if .truststoreKey }}
- name: RNG_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/rng-stream/kafka-tls/%s" .truststoreKey | quote }}
- name: RNG_KAFKA_SSL_TRUSTSTORE_TYPE
  value: PKCS12
- name: RNG_KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rng-processor.javaToolOptions" -}}
{{- $options := list (printf "-XX:MaxRAMPercentage=%.1f" (float64 .Values.jvm.maxRamPercentage)) "-XX:+ExitOnOutOfMemoryError" "-Djava.io.tmpdir=/tmp" }}
{{- join " " (concat $options .Values.jvm.extraOptions) }}
{{- end }}

{{- define "rng-processor.affinity" -}}
{{- if ne .Values.podAntiAffinity "none" }}
affinity:
  podAntiAffinity:
    {{- if eq .Values.podAntiAffinity "hard" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "rng-processor.selectorLabels" . | nindent 12 }}
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "rng-processor.selectorLabels" . | nindent 14 }}
    {{- end }}
{{- end }}
{{- end }}

{{- define "rng-processor.topologySpread" -}}
{{- $constraints := list }}
{{- if .Values.topologySpread.zone.enabled }}
{{- $constraints = append $constraints (dict "key" "topology.kubernetes.io/zone" "c" .Values.topologySpread.zone) }}
{{- end }}
{{- if .Values.topologySpread.host.enabled }}
{{- $constraints = append $constraints (dict "key" "kubernetes.io/hostname" "c" .Values.topologySpread.host) }}
{{- end }}
{{- if $constraints }}
topologySpreadConstraints:
  {{- range $constraints }}
  - topologyKey: {{ .key }}
    maxSkew: {{ .c.maxSkew }}
    whenUnsatisfiable: {{ .c.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "rng-processor.selectorLabels" $ | nindent 8 }}
  {{- end }}
{{- end }}
{{- end }}
