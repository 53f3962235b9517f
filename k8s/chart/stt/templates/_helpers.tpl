{{/* Names and labels. */}}

{{- define "stt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stt.fullname" -}}
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

{{/* Name of one component's objects: (dict "root" $ "component" "api"). */}}
{{- define "stt.componentName" -}}
{{- printf "%s-%s" (include "stt.fullname" .root | trunc 56 | trimSuffix "-") .component }}
{{- end }}

{{- define "stt.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "stt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stt
{{- end }}

{{/* (dict "root" $ "component" "api") */}}
{{- define "stt.componentLabels" -}}
{{ include "stt.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* (dict "root" $ "component" "api") */}}
{{- define "stt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stt.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "stt.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stt.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: (dict "root" $ "image" .Values.api.image). */}}
{{- define "stt.image" -}}
{{- $registry := .root.Values.image.registry | trimSuffix "/" }}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if $registry }}
{{- printf "%s/%s:%s" $registry .image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}
{{- end }}

{{/* Infrastructure settings both services share (ConfigMap data). */}}

{{- define "stt.postgresqlQuery" -}}
{{- with .Values.postgresql.sslMode }}?sslmode={{ . }}{{ end }}
{{- end }}

{{- define "stt.redisUrl" -}}
{{- $r := .Values.redis }}
{{- printf "%s://%s:%v/%v" (ternary "rediss" "redis" (eq (toString $r.tls) "true")) $r.host $r.port $r.database }}
{{- end }}

{{- define "stt.s3Endpoint" -}}
{{- .Values.s3.endpoint | default (printf "https://s3.%s.amazonaws.com" .Values.s3.region) }}
{{- end }}

{{- define "stt.sharedConfig" -}}
{{- if not (has .Values.s3.credentials (list "static" "default")) }}
{{- fail (printf "s3.credentials must be static or default, not %q" .Values.s3.credentials) }}
{{- end -}}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s:%v/%s%s" .Values.postgresql.host .Values.postgresql.port .Values.postgresql.database (include "stt.postgresqlQuery" .) | quote }}
QUARKUS_DATASOURCE_USERNAME: {{ .Values.postgresql.username | quote }}
QUARKUS_REDIS_HOSTS: {{ include "stt.redisUrl" . | quote }}
QUARKUS_S3_ENDPOINT_OVERRIDE: {{ include "stt.s3Endpoint" . | quote }}
QUARKUS_S3_AWS_REGION: {{ .Values.s3.region | quote }}
QUARKUS_S3_PATH_STYLE_ACCESS: {{ .Values.s3.pathStyleAccess | quote }}
QUARKUS_S3_AWS_CREDENTIALS_TYPE: {{ .Values.s3.credentials | quote }}
STT_S3_BUCKET: {{ .Values.s3.bucket | quote }}
STT_PROVIDERS: {{ .Values.config.providers | quote }}
STT_LOG_JSON: {{ .Values.config.logJson | quote }}
{{- /* the API's upload limit, and the worker's cap on audio it downloads from a URL */}}
STT_MAX_UPLOAD_MB: {{ .Values.api.maxUploadMb | quote }}
{{- end }}

{{/* extraConfig entries, refusing names that look like secrets: (dict "extra" .Values.api.extraConfig "where" "api.extraConfig"). */}}
{{- define "stt.extraConfig" -}}
{{- range $name, $value := .extra }}
{{- if regexMatch "(?i)(PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY)" $name }}
{{- fail (printf "%s.%s looks secret: put it into secret.extra (or your existing Secret), not into a ConfigMap" $.where $name) }}
{{- end }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* Secret references. */}}

{{- define "stt.secretName" -}}
{{- .Values.secret.existingSecret | default (include "stt.fullname" .) }}
{{- end }}

{{/*
Environment variables read from the Secret, as a YAML list:
(dict "root" $ "vars" (list (list "ENV_NAME" "keysEntry" required) ...)).
With the chart's own Secret a variable is set only when its value is; with an existing Secret it is
always referenced, optional unless required. secret.extra entries (chart's Secret only) follow.
*/}}
{{- define "stt.secretEnv" -}}
{{- $s := .root.Values.secret }}
{{- $name := include "stt.secretName" .root }}
{{- $entries := list }}
{{- range .vars }}
{{- $env := index . 0 }}
{{- $key := index . 1 }}
{{- if $s.existingSecret }}
{{- $ref := dict "name" $name "key" (get $s.keys $key) }}
{{- if not (index . 2) }}
{{- $_ := set $ref "optional" true }}
{{- end }}
{{- $entries = append $entries (dict "name" $env "valueFrom" (dict "secretKeyRef" $ref)) }}
{{- else if get $s.values $key }}
{{- $entries = append $entries (dict "name" $env "valueFrom" (dict "secretKeyRef" (dict "name" $name "key" (get $s.keys $key)))) }}
{{- end }}
{{- end }}
{{- if not $s.existingSecret }}
{{- range $env, $value := $s.extra }}
{{- $entries = append $entries (dict "name" $env "valueFrom" (dict "secretKeyRef" (dict "name" $name "key" $env))) }}
{{- end }}
{{- end }}
{{- toYaml $entries }}
{{- end }}

{{/* The Secret's variables both services read: PostgreSQL, Redis and (static) S3 credentials. */}}
{{- define "stt.sharedSecretVars" -}}
{{- $vars := list (list "QUARKUS_DATASOURCE_PASSWORD" "postgresqlPassword" true) (list "QUARKUS_REDIS_PASSWORD" "redisPassword" false) }}
{{- if eq .Values.s3.credentials "static" }}
{{- $vars = append $vars (list "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID" "s3AccessKeyId" true) }}
{{- $vars = append $vars (list "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY" "s3SecretAccessKey" true) }}
{{- end }}
{{- toYaml $vars }}
{{- end }}

{{/* Pod-level pieces both Deployments share. */}}

{{- define "stt.podCommon" -}}
serviceAccountName: {{ include "stt.serviceAccountName" . }}
automountServiceAccountToken: false
# Service links would add variables such as STT_API_PORT=tcp://... into the STT_* namespace.
enableServiceLinks: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* Scheduling settings of one component: (dict "component" .Values.api). */}}
{{- define "stt.scheduling" -}}
{{- with .component.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .component.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Pod annotations: config checksums roll the pods when settings change; (dict "root" $ "component" .Values.api "port" 8080). */}}
{{- define "stt.podAnnotations" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /q/metrics
{{- end }}
{{- with .component.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Probes on one port: (dict "probes" .Values.api.probes "port" "http"). */}}
{{- define "stt.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: {{ .port }}
  {{- toYaml .probes.startup | nindent 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: {{ .port }}
  {{- toYaml .probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: {{ .port }}
  {{- toYaml .probes.readiness | nindent 2 }}
{{- end }}

{{/* The CPU-based HPA of one component: (dict "root" $ "name" "api" "autoscaling" .Values.api.autoscaling). */}}
{{- define "stt.hpa" -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "stt.componentName" (dict "root" .root "component" .name) }}
  labels:
    {{- include "stt.componentLabels" (dict "root" .root "component" .name) | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "stt.componentName" (dict "root" .root "component" .name) }}
  minReplicas: {{ .autoscaling.minReplicas }}
  maxReplicas: {{ .autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .autoscaling.targetCPUUtilizationPercentage }}
{{- end }}

{{/* The PodDisruptionBudget of one component: (dict "root" $ "name" "api" "pdb" .Values.api.pdb). */}}
{{- define "stt.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "stt.componentName" (dict "root" .root "component" .name) }}
  labels:
    {{- include "stt.componentLabels" (dict "root" .root "component" .name) | nindent 4 }}
spec:
  maxUnavailable: {{ .pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "stt.selectorLabels" (dict "root" .root "component" .name) | nindent 6 }}
{{- end }}

{{/* The worker's scratch directory (STT_WORK_DIR), an emptyDir: the root filesystem is read-only. */}}
{{- define "stt.workerWorkDir" -}}
/var/lib/stt/work
{{- end }}

{{/* API timing: its shutdown must end before Kubernetes kills it. */}}
{{- define "stt.apiShutdownTimeout" -}}
{{- $timeout := int .Values.api.shutdownTimeoutSeconds }}
{{- $grace := int .Values.api.terminationGracePeriodSeconds }}
{{- if ge $timeout $grace }}
{{- fail (printf "api.shutdownTimeoutSeconds (%d) must be shorter than api.terminationGracePeriodSeconds (%d)" $timeout $grace) }}
{{- end }}
{{- printf "%ds" $timeout }}
{{- end }}

{{/* Worker timing. */}}

{{- define "stt.workerTerminationGrace" -}}
{{- $shutdown := int .Values.worker.shutdownGraceSeconds }}
{{- $grace := .Values.worker.terminationGracePeriodSeconds | default (add $shutdown 30) | int }}
{{- if le $grace $shutdown }}
{{- fail (printf "worker.terminationGracePeriodSeconds (%d) must exceed worker.shutdownGraceSeconds (%d): Kubernetes would kill workers before they hand back their chunks" $grace $shutdown) }}
{{- end }}
{{- $grace }}
{{- end }}
