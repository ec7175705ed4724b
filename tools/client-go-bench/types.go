package main

// Go types for the Backend custom resource (gateway.kgateway.dev/v1alpha1), written by hand from
// schema/backend.json: github.com/kgateway-dev/kgateway/v2 is not served by the module proxy this
// build reaches (403), so kgateway's own api/v1alpha1 package cannot be used. The structs mirror the
// schema's properties (what the SDK's CRD lets the server store); a typed round trip of every served
// item is checked against the unstructured one before anything is measured (selfCheckTyped).
//
// DeepCopyObject goes through JSON instead of deepcopy-gen's field-by-field copy. Informers do not
// copy what they cache (a counter in main.go proves it stays 0 while measuring), so this only
// keeps the types valid runtime.Objects.

import (
	"encoding/json"
	"sync/atomic"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var backendGV = schema.GroupVersion{Group: "gateway.kgateway.dev", Version: "v1alpha1"}

// deepCopies counts DeepCopyObject calls (expected: none on the measured paths).
var deepCopies atomic.Int64

type Backend struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              BackendSpec    `json:"spec,omitempty"`
	Status            *BackendStatus `json:"status,omitempty"`
}

type BackendList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Backend `json:"items"`
}

type BackendSpec struct {
	Type                string                      `json:"type,omitempty"`
	Static              *StaticBackend              `json:"static,omitempty"`
	AWS                 *AwsBackend                 `json:"aws,omitempty"`
	AI                  *AIBackend                  `json:"ai,omitempty"`
	DynamicForwardProxy *DynamicForwardProxyBackend `json:"dynamicForwardProxy,omitempty"`
	MCP                 *MCPBackend                 `json:"mcp,omitempty"`
	GCP                 *GcpBackend                 `json:"gcp,omitempty"`
	PriorityGroups      []BackendPriorityGroup      `json:"priorityGroups,omitempty"`
}

type StaticBackend struct {
	Hosts       []Host  `json:"hosts,omitempty"`
	AppProtocol *string `json:"appProtocol,omitempty"`
}

type Host struct {
	Host string   `json:"host,omitempty"`
	Port *int64   `json:"port,omitempty"`
	TLS  *HostTLS `json:"tls,omitempty"`
}

type HostTLS struct {
	SNI *string `json:"sni,omitempty"`
}

type AwsBackend struct {
	Region             *string    `json:"region,omitempty"`
	LambdaFunctionName *string    `json:"lambdaFunctionName,omitempty"`
	AccountID          *string    `json:"accountId,omitempty"`
	RoleArn            *string    `json:"roleArn,omitempty"`
	Auth               *AwsAuth   `json:"auth,omitempty"`
	Lambda             *AwsLambda `json:"lambda,omitempty"`
	EC2                *AwsEc2    `json:"ec2,omitempty"`
}

type AwsLambda struct {
	EndpointURL          *string `json:"endpointURL,omitempty"`
	FunctionName         *string `json:"functionName,omitempty"`
	InvocationMode       *string `json:"invocationMode,omitempty"`
	Qualifier            *string `json:"qualifier,omitempty"`
	PayloadTransformMode *string `json:"payloadTransformMode,omitempty"`
	AccountID            *string `json:"accountId,omitempty"`
}

type AwsEc2 struct {
	AddressType *string     `json:"addressType,omitempty"`
	Filters     []Ec2Filter `json:"filters,omitempty"`
	Port        *int64      `json:"port,omitempty"`
}

type Ec2Filter struct {
	Key      *string   `json:"key,omitempty"`
	KeyValue *KeyValue `json:"keyValue,omitempty"`
}

type KeyValue struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

type AwsAuth struct {
	SecretRef  *LocalObjectReference `json:"secretRef,omitempty"`
	Type       *string               `json:"type,omitempty"`
	AssumeRole *AssumeRole           `json:"assumeRole,omitempty"`
}

type AssumeRole struct {
	RoleArn string `json:"roleArn,omitempty"`
}

type LocalObjectReference struct {
	Name string `json:"name,omitempty"`
}

type AIBackend struct {
	Provider       *AIProvider        `json:"provider,omitempty"`
	LLM            *LLMProvider       `json:"llm,omitempty"`
	MultiPool      *MultiPool         `json:"multipool,omitempty"`
	PriorityGroups []LLMPriorityGroup `json:"priorityGroups,omitempty"`
}

type AIProvider struct {
	Type   *string            `json:"type,omitempty"`
	OpenAI *OpenAIConfig      `json:"openai,omitempty"`
	Azure  *AzureOpenAIConfig `json:"azure,omitempty"`
	Gemini *GeminiConfig      `json:"gemini,omitempty"`
}

type OpenAIConfig struct {
	AuthToken *AuthToken `json:"authToken,omitempty"`
	Model     *string    `json:"model,omitempty"`
}

type AzureOpenAIConfig struct {
	Endpoint       *string    `json:"endpoint,omitempty"`
	DeploymentName *string    `json:"deploymentName,omitempty"`
	APIVersion     *string    `json:"apiVersion,omitempty"`
	AuthToken      *AuthToken `json:"authToken,omitempty"`
}

type GeminiConfig struct {
	AuthToken  *AuthToken `json:"authToken,omitempty"`
	APIVersion *string    `json:"apiVersion,omitempty"`
	Model      *string    `json:"model,omitempty"`
}

type AuthToken struct {
	SecretRef *SecretReference `json:"secretRef,omitempty"`
	Inline    *string          `json:"inline,omitempty"`
	Kind      *string          `json:"kind,omitempty"`
}

type SecretReference struct {
	Name      string  `json:"name,omitempty"`
	Namespace *string `json:"namespace,omitempty"`
}

type LLMProvider struct {
	HostOverride *HostOverride         `json:"hostOverride,omitempty"`
	Provider     *SupportedLLMProvider `json:"provider,omitempty"`
	Anthropic    *AnthropicConfig      `json:"anthropic,omitempty"`
	AuthHeader   *AuthHeader           `json:"authHeader,omitempty"`
	AzureOpenAI  *AzureOpenAIConfig    `json:"azureopenai,omitempty"`
	Bedrock      *BedrockConfig        `json:"bedrock,omitempty"`
	Gemini       *GeminiConfig         `json:"gemini,omitempty"`
	Host         *string               `json:"host,omitempty"`
	OpenAI       *OpenAIConfig         `json:"openai,omitempty"`
	Path         *PathOverride         `json:"path,omitempty"`
	Port         *int64                `json:"port,omitempty"`
	VertexAI     *VertexAIConfig       `json:"vertexai,omitempty"`
	Name         *string               `json:"name,omitempty"`
}

type SupportedLLMProvider struct {
	Anthropic   *AnthropicConfig   `json:"anthropic,omitempty"`
	AzureOpenAI *AzureOpenAIConfig `json:"azureopenai,omitempty"`
	Gemini      *GeminiConfig      `json:"gemini,omitempty"`
	OpenAI      *OpenAIConfig      `json:"openai,omitempty"`
	VertexAI    *VertexAIConfig    `json:"vertexai,omitempty"`
}

type HostOverride struct {
	Host *string `json:"host,omitempty"`
	Port *int64  `json:"port,omitempty"`
}

type AnthropicConfig struct {
	APIVersion *string    `json:"apiVersion,omitempty"`
	AuthToken  *AuthToken `json:"authToken,omitempty"`
	Model      *string    `json:"model,omitempty"`
}

type AuthHeader struct {
	HeaderName *string `json:"headerName,omitempty"`
	Prefix     *string `json:"prefix,omitempty"`
}

type PathOverride struct {
	Full *string `json:"full,omitempty"`
}

type VertexAIConfig struct {
	APIVersion *string    `json:"apiVersion,omitempty"`
	AuthToken  *AuthToken `json:"authToken,omitempty"`
	Location   *string    `json:"location,omitempty"`
	Model      *string    `json:"model,omitempty"`
	ModelPath  *string    `json:"modelPath,omitempty"`
	ProjectID  *string    `json:"projectId,omitempty"`
	Publisher  *string    `json:"publisher,omitempty"`
}

type BedrockConfig struct {
	Auth      *AwsAuth   `json:"auth,omitempty"`
	Guardrail *Guardrail `json:"guardrail,omitempty"`
	Model     *string    `json:"model,omitempty"`
	Region    *string    `json:"region,omitempty"`
}

type Guardrail struct {
	Identifier string `json:"identifier,omitempty"`
	Version    string `json:"version,omitempty"`
}

type MultiPool struct {
	Priorities []Priority `json:"priorities,omitempty"`
}

type Priority struct {
	Pool []LLMProvider `json:"pool,omitempty"`
}

type LLMPriorityGroup struct {
	Providers []LLMProvider `json:"providers,omitempty"`
}

type DynamicForwardProxyBackend struct {
	EnableTLS *bool `json:"enableTls,omitempty"`
}

type MCPBackend struct {
	Targets []McpTarget `json:"targets,omitempty"`
}

type McpTarget struct {
	Name     string             `json:"name,omitempty"`
	Selector *McpTargetSelector `json:"selector,omitempty"`
	Static   *McpStaticTarget   `json:"static,omitempty"`
}

type McpTargetSelector struct {
	Namespace *metav1.LabelSelector `json:"namespace,omitempty"`
	Service   *metav1.LabelSelector `json:"service,omitempty"`
}

type McpStaticTarget struct {
	Host     string  `json:"host,omitempty"`
	Path     *string `json:"path,omitempty"`
	Port     int64   `json:"port,omitempty"`
	Protocol *string `json:"protocol,omitempty"`
}

type GcpBackend struct {
	Audience *string `json:"audience,omitempty"`
	Host     string  `json:"host,omitempty"`
}

type BackendPriorityGroup struct {
	BackendRefs []LocalObjectReference `json:"backendRefs,omitempty"`
}

type BackendStatus struct {
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

func (in *Backend) DeepCopyObject() runtime.Object {
	deepCopies.Add(1)
	out := &Backend{}
	copyJSON(in, out)
	return out
}

func (in *BackendList) DeepCopyObject() runtime.Object {
	deepCopies.Add(1)
	out := &BackendList{}
	copyJSON(in, out)
	return out
}

func copyJSON(in, out any) {
	data, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		panic(err)
	}
}
