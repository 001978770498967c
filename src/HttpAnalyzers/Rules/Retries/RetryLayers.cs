using System.Collections.Generic;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Which <c>IHttpClientBuilder</c> calls add a retrying layer to a client's handler pipeline: <c>AddStandardResilienceHandler()</c>,
/// <c>AddStandardHedgingHandler()</c>, <c>AddResilienceHandler(…)</c> whose pipeline calls <c>AddRetry</c>/<c>AddHedging</c>, Polly v7
/// <c>AddTransientHttpErrorPolicy(p =&gt; p.…Retry…)</c> and <c>AddPolicyHandler(&lt;retry policy&gt;)</c>. Layers that do not retry
/// (timeouts, circuit breakers, rate limiters) are not retrying layers.
/// </summary>
internal sealed class RetryLayers
{
    private readonly KnownTypes _types;
    private readonly RetryConstructs _constructs;

    public RetryLayers(KnownTypes types, RetryConstructs constructs)
    {
        _types = types;
        _constructs = constructs;
    }

    /// <summary>Cheap name filter for the handler registration calls.</summary>
    /// <summary>The words of a file that can hold a finding of the retry-layer rules: a layer's name (those of <see cref="IsLayerName"/>: change both together) or an <c>Execute*</c> call.</summary>
    public static readonly FileWords LayerFiles = new("AddStandardResilienceHandler", "AddStandardHedgingHandler", "AddResilienceHandler", "AddTransientHttpErrorPolicy", "AddPolicyHandler", "Exe*");

    public static bool IsLayerName(string name)
        => name is "AddStandardResilienceHandler" or "AddStandardHedgingHandler" or "AddResilienceHandler" or "AddTransientHttpErrorPolicy" or "AddPolicyHandler";

    /// <summary>The call is one of the resilience or Polly handler registrations on <c>IHttpClientBuilder</c>.</summary>
    public bool IsLayerCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return IsLayerName(method.Name) &&
               (method.IsMethod(_types.ResilienceHttpClientBuilderExtensions, method.Name) || method.IsMethod(_types.PollyHttpClientBuilderExtensions, method.Name));
    }

    /// <summary>The handler registration <paramref name="invocation"/> adds a layer that retries (or hedges) requests.</summary>
    public bool Retries(IInvocationOperation invocation)
    {
        if (!IsLayerCall(invocation))
        {
            return false;
        }

        switch (invocation.TargetMethod.Name)
        {
            case "AddStandardResilienceHandler":
            case "AddStandardHedgingHandler":
                return true;
            case "AddResilienceHandler":
                foreach (var scope in ConfigurationScopes(invocation))
                {
                    foreach (var operation in OperationWalk.Below(scope))
                    {
                        if (operation is IInvocationOperation add && _constructs.IsAddRetry(add))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case "AddTransientHttpErrorPolicy":
                return ReturnsRetryPolicy(ConfigurationScopes(invocation));
            default:
                var policy = invocation.GetArgument("policy")?.Value;
                return policy is not null
                    ? _constructs.FindPolicyCreation(ResolvePolicy(policy)) is not null
                    : ReturnsRetryPolicy(ConfigurationScopes(invocation));
        }
    }

    /// <summary>The lambdas that configure the handler: its own arguments and those of chained <c>Configure(…)</c> calls.</summary>
    public static List<IOperation> ConfigurationScopes(IInvocationOperation registration)
    {
        var scopes = new List<IOperation>();
        AddLambdas(registration, scopes);
        IOperation current = registration;
        while (current.Parent is IArgumentOperation { Parent: IInvocationOperation next } && next.TargetMethod.IsExtensionMethod &&
               next.Arguments.Length > 0 && ReferenceEquals(next.Arguments[0].Value.WalkDownConversions(), current))
        {
            if (next.TargetMethod.Name is "Configure" or "SelectPipelineBy")
            {
                AddLambdas(next, scopes);
            }

            current = next;
        }

        return scopes;
    }

    private static void AddLambdas(IInvocationOperation invocation, List<IOperation> scopes)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (value is IAnonymousFunctionOperation)
            {
                scopes.Add(value);
            }
        }
    }

    /// <summary>A configuration lambda returns a Polly v7 retry policy.</summary>
    public bool ReturnsRetryPolicy(List<IOperation> scopes)
    {
        foreach (var scope in scopes)
        {
            foreach (var operation in OperationWalk.Below(scope))
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } && _constructs.FindPolicyCreation(ResolvePolicy(value)) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A policy value, looking into a source method that returns it (<c>AddPolicyHandler(GetRetryPolicy())</c>) in the same file.</summary>
    public static IOperation? ResolvePolicy(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value is IInvocationOperation { Arguments.Length: 0 } call && call.SemanticModel is { } model &&
            call.TargetMethod.DeclaringSyntaxReferences.Length == 1 &&
            call.TargetMethod.DeclaringSyntaxReferences[0].SyntaxTree == call.Syntax.SyntaxTree)
        {
            var body = model.GetOperation(call.TargetMethod.DeclaringSyntaxReferences[0].GetSyntax());
            if (body is not null)
            {
                foreach (var operation in OperationWalk.Below(body))
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned })
                    {
                        return returned;
                    }
                }
            }
        }

        return value;
    }

    /// <summary>"'AddStandardResilienceHandler'", "'AddResilienceHandler(\"retry\")'".</summary>
    public static string Describe(IInvocationOperation layer)
    {
        var name = layer.TargetMethod.Name;
        if (name == "AddResilienceHandler" && layer.GetArgument("pipelineName")?.Value.ConstantValue.Value is string pipeline)
        {
            return "'AddResilienceHandler(\"" + pipeline + "\")'";
        }

        return "'" + name + "'";
    }
}
