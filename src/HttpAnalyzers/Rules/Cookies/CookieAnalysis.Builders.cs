using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary><c>CookieBuilder</c> settings: authentication, session, antiforgery and other builders.</summary>
internal sealed partial class CookieAnalysis
{
    private void AnalyzeBuilderAssignment(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        var value = assignment.Value;
        var receiver = target.Instance?.WalkDownConversions();
        switch (target.Property.Name)
        {
            case "SecurePolicy":
            {
                var weak = WeakSecurePolicy(value);
                if (weak is not null)
                {
                    var builderProperty = BuilderProperty(receiver, assignment);
                    var label = _symbols.BuilderLabel(builderProperty, BuilderName(assignment, receiver));
                    var location = assignment.Syntax.GetLocation();
                    Report(context, Exemption.Secure, Descriptors.CookieNotSecure, location, location,
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "SecurePolicy = CookieSecurePolicy." + weak);

                    // Correlation and nonce cookies keep their default SameSite=None unless it is set: weakening SecurePolicy
                    // alone makes browsers drop them on plain HTTP, and the sign-in fails ("Correlation failed").
                    if (_symbols.IsSameSiteNoneByDefault(builderProperty) && FindBuilderSibling(assignment, receiver, "SameSite") is null)
                    {
                        Report(context, Exemption.Secure, Descriptors.SameSiteNoneWithoutSecure, location, location,
                            Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "SameSite defaults to None and SecurePolicy = CookieSecurePolicy." + weak);
                    }
                }

                break;
            }

            case "HttpOnly":
            {
                if (value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: false })
                {
                    break;
                }

                var builderProperty = BuilderProperty(receiver, assignment);
                var name = BuilderName(assignment, receiver);
                if (!_symbols.IsAntiforgeryBuilder(builderProperty) && name is not null && CookieSymbols.IsScriptReadable(name, ScriptReadable(context, assignment)))
                {
                    break;
                }

                Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, assignment.Syntax.GetLocation(), assignment.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), _symbols.BuilderLabel(builderProperty, name), "HttpOnly = false");
                break;
            }

            case "SameSite":
            {
                if (!CookieSymbols.IsConstant(value, _symbols.SameSiteNone))
                {
                    break;
                }

                var securePolicy = FindBuilderSibling(assignment, receiver, "SecurePolicy");
                string reason;
                Location fixTarget;
                ImmutableDictionary<string, string?> properties;
                if (securePolicy is not null)
                {
                    var weak = WeakSecurePolicy(securePolicy.Value);
                    if (weak is null)
                    {
                        break; // Always, or not a constant
                    }

                    reason = "SecurePolicy = CookieSecurePolicy." + weak;
                    fixTarget = securePolicy.Syntax.GetLocation();
                    properties = Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways);
                }
                else
                {
                    if (!WeakByDefault(receiver, assignment) || HasSecureEvidenceElsewhere(assignment, receiver))
                    {
                        break; // the builder's own default may be Always (remote-authentication correlation cookies), or it is set elsewhere
                    }

                    reason = "SecurePolicy is not set to CookieSecurePolicy.Always";
                    fixTarget = assignment.Syntax.GetLocation();
                    properties = Fix(CookieFixData.AddBuilderSecurePolicy);
                }

                var label = _symbols.BuilderLabel(BuilderProperty(receiver, assignment), BuilderName(assignment, receiver));
                Report(context, Exemption.Secure, Descriptors.SameSiteNoneWithoutSecure, assignment.Syntax.GetLocation(), fixTarget, properties, label, reason);
                break;
            }

            case "Name":
            {
                var name = ConstantString(value);
                var prefix = NamePrefix(value);
                if (prefix is null)
                {
                    break;
                }

                var label = _symbols.BuilderLabel(BuilderProperty(receiver, assignment), name);
                var securePolicy = FindBuilderSibling(assignment, receiver, "SecurePolicy");
                if (securePolicy is not null)
                {
                    var weak = WeakSecurePolicy(securePolicy.Value);
                    if (weak is not null)
                    {
                        Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, securePolicy.Syntax.GetLocation(), securePolicy.Syntax.GetLocation(),
                            Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "has the '" + prefix + "' prefix but sets SecurePolicy = CookieSecurePolicy." + weak, "it");
                    }
                }
                else if (WeakByDefault(receiver, assignment) && !HasSecureEvidenceElsewhere(assignment, receiver))
                {
                    Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, value.Syntax.GetLocation(), assignment.Syntax.GetLocation(),
                        Fix(CookieFixData.AddBuilderSecurePolicy), label, "has the '" + prefix + "' prefix but its SecurePolicy is not CookieSecurePolicy.Always", "it");
                }

                if (!CookieSymbols.IsHostPrefix(prefix))
                {
                    break;
                }

                if (FindBuilderSibling(assignment, receiver, "Domain") is { } domain && IsNonNullString(domain.Value))
                {
                    Report(context, Exemption.None, Descriptors.CookiePrefixViolated, domain.Syntax.GetLocation(), domain.Syntax.GetLocation(),
                        RemoveFix(domain), label, "has the '__Host-' prefix but sets Domain", "it");
                }

                if (FindBuilderSibling(assignment, receiver, "Path") is { } path &&
                    path.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string pathValue } && pathValue != "/")
                {
                    Report(context, Exemption.None, Descriptors.CookiePrefixViolated, path.Syntax.GetLocation(), path.Syntax.GetLocation(),
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueRootPath), label, "has the '__Host-' prefix but sets Path to '" + pathValue + "' instead of '/'", "it");
                }

                break;
            }
        }
    }

    /// <summary><c>builder.Extensions.Add("Partitioned")</c> (CHIPS) on a builder whose SecurePolicy is not Always.</summary>
    private void AnalyzeBuilderPartitioned(OperationAnalysisContext context, IInvocationOperation add, IOperation? receiver)
    {
        if (PartitionedArgument(add) is not { } partitioned)
        {
            return;
        }

        var label = _symbols.BuilderLabel(BuilderProperty(receiver, add), BuilderName(add, receiver));
        var securePolicy = FindBuilderSibling(add, receiver, "SecurePolicy");
        if (securePolicy is not null)
        {
            if (WeakSecurePolicy(securePolicy.Value) is { } weak)
            {
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, securePolicy.Syntax.GetLocation(), securePolicy.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "is Partitioned but sets SecurePolicy = CookieSecurePolicy." + weak, "it");
            }
        }
        else if (WeakByDefault(receiver, add) && !HasSecureEvidenceElsewhere(add, receiver))
        {
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, partitioned.Syntax.GetLocation(), add.Syntax.GetLocation(),
                Fix(CookieFixData.AddBuilderSecurePolicy), label, "is Partitioned but its SecurePolicy is not CookieSecurePolicy.Always", "it");
        }
    }

    private string? WeakSecurePolicy(IOperation value)
    {
        if (CookieSymbols.IsConstant(value, _symbols.SecureNone))
        {
            return "None";
        }

        return CookieSymbols.IsConstant(value, _symbols.SecureSameAsRequest) ? "SameAsRequest" : null;
    }

    /// <summary>
    /// The builder's SecurePolicy, when never set, is known not to be Always: a plain <c>new CookieBuilder</c>
    /// (SameAsRequest), the authentication cookie (SameAsRequest), the session and antiforgery cookies (None). Other
    /// builders (e.g. remote-authentication correlation cookies, which default to Always) are unknown.
    /// </summary>
    private bool WeakByDefault(IOperation? receiver, IOperation assignment)
    {
        if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } &&
            assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } &&
            SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.CookieBuilder))
        {
            return true;
        }

        var host = BuilderProperty(receiver, assignment)?.ContainingType;
        return host is not null &&
               (host.InheritsFromOrEquals(_symbols.CookieAuthenticationOptions) || host.InheritsFromOrEquals(_symbols.SessionOptions) || host.InheritsFromOrEquals(_symbols.AntiforgeryOptions));
    }

    /// <summary>The <c>Cookie</c> property (e.g. <c>CookieAuthenticationOptions.Cookie</c>) the builder is, when known.</summary>
    private static IPropertySymbol? BuilderProperty(IOperation? receiver, IOperation assignment)
    {
        switch (receiver)
        {
            case IPropertyReferenceOperation property:
                return property.Property;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                return assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } }
                    ? member.Property
                    : assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation { Parent: { } creationParent } }
                        ? AssignedProperty(creationParent)
                        : null;
            default:
                return null;
        }
    }

    /// <summary>For <c>o.Cookie = new CookieBuilder { … }</c>: the property assigned.</summary>
    private static IPropertySymbol? AssignedProperty(IOperation creationParent)
    {
        var parent = creationParent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } ? target.Property : null;
    }

    private static string? BuilderName(IOperation assignment, IOperation? receiver)
        => FindBuilderSibling(assignment, receiver, "Name") is { } name ? ConstantString(name.Value) : null;

    /// <summary>The last assignment of <paramref name="propertyName"/> on the same builder: same initializer, or same receiver in the same body.</summary>
    private static ISimpleAssignmentOperation? FindBuilderSibling(IOperation assignment, IOperation? receiver, string propertyName)
    {
        if (receiver is null)
        {
            return null;
        }

        ISimpleAssignmentOperation? found = null;
        if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } sibling && target.Property.Name == propertyName)
                    {
                        found = sibling;
                    }
                }
            }

            return found;
        }

        foreach (var operation in OperationWalk.Below(assignment.GetRoot()))
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } sibling && target.Property.Name == propertyName &&
                target.Instance is { } instance && SameReference(instance, receiver))
            {
                found = sibling;
            }
        }

        return found;
    }

    /// <summary>
    /// The same options' cookie gets <c>SecurePolicy = Always</c> (or a non-constant policy) in another lambda of the same
    /// body, e.g. <c>AddCookie(…)</c> and <c>ConfigureApplicationCookie(…)</c> side by side.
    /// </summary>
    private bool HasSecureEvidenceElsewhere(IOperation assignment, IOperation? receiver)
    {
        var builderProperty = BuilderProperty(receiver, assignment);
        if (builderProperty is null)
        {
            return false;
        }

        foreach (var operation in OperationWalk.Below(assignment.GetRoot()))
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SecurePolicy" } target } sibling &&
                SymbolEqualityComparer.Default.Equals(BuilderProperty(target.Instance?.WalkDownConversions(), sibling), builderProperty) &&
                WeakSecurePolicy(sibling.Value) is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameReference(IOperation a, IOperation b)
    {
        a = a.WalkDownConversions();
        b = b.WalkDownConversions();
        switch (a)
        {
            case IParameterReferenceOperation pa:
                return b is IParameterReferenceOperation pb && SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
            case ILocalReferenceOperation la:
                return b is ILocalReferenceOperation lb && SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
            case IFieldReferenceOperation fa:
                return b is IFieldReferenceOperation fb && SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance);
            case IPropertyReferenceOperation ra:
                return b is IPropertyReferenceOperation rb && ra.Arguments.Length == 0 && rb.Arguments.Length == 0 &&
                       SymbolEqualityComparer.Default.Equals(ra.Property, rb.Property) && SameInstance(ra.Instance, rb.Instance);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return b is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            default:
                return false;
        }
    }

    private static bool SameInstance(IOperation? a, IOperation? b)
        => a is null ? b is null : b is not null && SameReference(a, b);
}
