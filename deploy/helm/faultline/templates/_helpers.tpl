{{/* Names, labels and the pieces every Faultline pod shares (image, env, security, /tmp). */}}

{{- define "faultline.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "faultline.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "faultline.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "faultline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one role: call with (dict "root" $ "role" "web"). */}}
{{- define "faultline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "faultline.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "faultline.secretName" -}}
{{- .Values.existingSecret | default (include "faultline.fullname" .) }}
{{- end }}

{{- define "faultline.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "faultline.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{- define "faultline.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "faultline.host" -}}
{{- (urlParse .Values.url).host }}
{{- end }}

{{/* DATABASE_URL from the values: the URL as given, or built from the parts with the password escaped. */}}
{{- define "faultline.databaseUrl" -}}
{{- with .Values.database }}
{{- if .url }}{{ .url }}
{{- else if .host }}
{{- printf "postgres://%s:%s@%s:%v/%s" (.user | urlquery) (.password | urlquery) .host .port .name }}
{{- end }}
{{- end }}
{{- end }}

{{- define "faultline.redisUrl" -}}
{{- with .Values.redis }}
{{- if .url }}{{ .url }}
{{- else if .host }}
{{- printf "redis://%s%s:%v/%v" (ternary (printf ":%s@" (.password | urlquery)) "" (ne .password "")) .host .port .db }}
{{- end }}
{{- end }}
{{- end }}

{{/* Environment of every Faultline container: the ConfigMap, then secrets key by key. */}}
{{- define "faultline.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "faultline.fullname" . }}
env:
  - name: SECRET_KEY
    valueFrom: { secretKeyRef: { name: {{ include "faultline.secretName" . }}, key: SECRET_KEY } }
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: {{ .Values.database.existingSecret | default (include "faultline.secretName" .) }}
        key: {{ ternary .Values.database.existingSecretKey "DATABASE_URL" (ne .Values.database.existingSecret "") }}
  - name: REDIS_URL
    valueFrom:
      secretKeyRef:
        name: {{ .Values.redis.existingSecret | default (include "faultline.secretName" .) }}
        key: {{ ternary .Values.redis.existingSecretKey "REDIS_URL" (ne .Values.redis.existingSecret "") }}
  {{- if or .Values.ldap.bindPassword .Values.existingSecret }}
  - name: LDAP_BIND_PASSWORD
    valueFrom: { secretKeyRef: { name: {{ include "faultline.secretName" . }}, key: LDAP_BIND_PASSWORD, optional: true } }
  {{- end }}
  {{- if or .Values.email.password .Values.existingSecret }}
  - name: EMAIL_PASSWORD
    valueFrom: { secretKeyRef: { name: {{ include "faultline.secretName" . }}, key: EMAIL_PASSWORD, optional: true } }
  {{- end }}
  {{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/* OpenShift's restricted SCC: no fixed UID (the platform assigns one), non-root, seccomp RuntimeDefault. */}}
{{- define "faultline.podSecurityContext" -}}
{{- $base := dict "runAsNonRoot" true "seccompProfile" (dict "type" "RuntimeDefault") }}
{{- toYaml (mergeOverwrite $base .Values.podSecurityContext) }}
{{- end }}

{{- define "faultline.securityContext" -}}
{{- $base := dict "runAsNonRoot" true "allowPrivilegeEscalation" false "readOnlyRootFilesystem" true "capabilities" (dict "drop" (list "ALL")) }}
{{- toYaml (mergeOverwrite $base .Values.securityContext) }}
{{- end }}

{{/* The only writable place: /tmp, an emptyDir (the root filesystem is read-only). */}}
{{- define "faultline.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}

{{- define "faultline.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Pod annotations that roll the pods when the configuration or the Secret changes. */}}
{{- define "faultline.checksums" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
