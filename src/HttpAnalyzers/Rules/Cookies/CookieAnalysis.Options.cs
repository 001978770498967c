using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary><c>new CookieOptions { … }</c>, later assignments to it, and the Append / Delete calls it flows into.</summary>
internal sealed partial class CookieAnalysis
{
    private sealed class OptionsFacts
    {
        public ISimpleAssignmentOperation? Secure;
        public ISimpleAssignmentOperation? HttpOnly;
        public ISimpleAssignmentOperation? SameSite;
        public ISimpleAssignmentOperation? Domain;
        public ISimpleAssignmentOperation? Path;
        public IOperation? Partitioned;
        public readonly List<IInvocationOperation> Uses = new();
        public bool Escapes;

        /// <summary>Secure is assigned both true and false (e.g. <c>if (dev) o.Secure = false;</c>): which one applies is unknown.</summary>
        public bool SecureConflict;
        public bool HttpOnlyConflict;

        /// <summary>Records an assignment; <paramref name="conditional"/> when it sits in a nested block (if, switch, loop) rather than beside the creation.</summary>
        public void Record(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, bool conditional = false)
        {
            switch (target.Property.Name)
            {
                case "Secure":
                    SecureConflict |= conditional && Differs(Secure, assignment);
                    Secure = assignment;
                    break;
                case "HttpOnly":
                    HttpOnlyConflict |= conditional && Differs(HttpOnly, assignment);
                    HttpOnly = assignment;
                    break;
                case "SameSite":
                    SameSite = assignment;
                    break;
                case "Domain":
                    Domain = assignment;
                    break;
                case "Path":
                    Path = assignment;
                    break;
            }
        }

        private static bool Differs(ISimpleAssignmentOperation? previous, ISimpleAssignmentOperation next)
            => previous is not null && !Equals(previous.Value.WalkDownConversions().ConstantValue.Value, next.Value.WalkDownConversions().ConstantValue.Value);
    }

    private void AnalyzeOptionsCreation(OperationAnalysisContext context, IObjectCreationOperation creation)
    {
        var facts = new OptionsFacts();
        var isCopy = creation.Arguments.Length > 0;
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                CollectInitializerMember(member, facts);
            }
        }

        ILocalSymbol? local = null;
        var parent = creation.WalkUpConversions();
        switch (parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation invocation } argument when IsOptionsArgument(argument, invocation):
                facts.Uses.Add(invocation);
                break;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                local = declarator.Symbol;
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation localReference }:
                local = localReference.Local;
                break;
            default:
                facts.Escapes = true;
                break;
        }

        if (local is not null)
        {
            CollectLocalUses(creation, local, facts);
        }

        var deletionOnly = !facts.Escapes && facts.Uses.Count > 0;
        foreach (var use in facts.Uses)
        {
            if (use.TargetMethod.Name != "Delete")
            {
                deletionOnly = false;
            }
        }

        var secure = facts.SecureConflict ? ValueState.Unknown : State(facts.Secure, isCopy);
        var httpOnly = facts.HttpOnlyConflict ? ValueState.Unknown : State(facts.HttpOnly, isCopy);

        // The locations, names and label are made only for a finding: most creations report nothing.
        Location? creationLocation = null;
        Location? creationTarget = null;
        List<string>? names = null;
        string? firstName = null;
        var allNamesKnown = false;
        string? label = null;

        if (!deletionOnly)
        {
            if (secure == ValueState.Absent)
            {
                Report(context, Exemption.Secure, Descriptors.CookieNotSecure, CreationSpan(), CreationTarget(),
                    Fix(CookieFixData.AddMember, member: "Secure"), OptionsLabel(), "Secure is not set");
            }
            else if (secure == ValueState.Bad)
            {
                Report(context, Exemption.Secure, Descriptors.CookieNotSecure, facts.Secure!.Syntax.GetLocation(), facts.Secure.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), OptionsLabel(), "Secure = false");
            }

            if (httpOnly is ValueState.Absent or ValueState.Bad && !(Names().Count > 0 && allNamesKnown && AllScriptReadable(context, creation, Names())))
            {
                if (httpOnly == ValueState.Absent)
                {
                    Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, CreationSpan(), CreationTarget(),
                        Fix(CookieFixData.AddMember, member: "HttpOnly"), OptionsLabel(), "HttpOnly is not set");
                }
                else if (Names().Count > 0)
                {
                    // An explicit `HttpOnly = false` is a deliberate choice: reported only when the cookie's name is known
                    // and does not say that scripts read it.
                    Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, facts.HttpOnly!.Syntax.GetLocation(), facts.HttpOnly.Syntax.GetLocation(),
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), OptionsLabel(), "HttpOnly = false");
                }
            }
        }

        if (facts.SameSite is { } sameSite && CookieSymbols.IsConstant(sameSite.Value, _symbols.SameSiteNone) && secure is ValueState.Absent or ValueState.Bad)
        {
            var (fixTarget, properties) = SecureFix(secure, facts, CreationTarget());
            Report(context, Exemption.Secure, Descriptors.SameSiteNoneWithoutSecure, sameSite.Syntax.GetLocation(), fixTarget, properties,
                OptionsLabel(), secure == ValueState.Absent ? "Secure is not set" : "Secure = false");
        }

        // HTTP0023: prefixes of the names the options are used with, and Partitioned.
        var secureBadReported = false;
        var hostDomainReported = false;
        var hostPathReported = false;
        var partitionedReported = false;
        foreach (var use in facts.Uses)
        {
            var key = use.GetArgument("key")?.Value;
            var prefix = key is null ? null : NamePrefix(key);
            if (prefix is null || key is null)
            {
                continue;
            }

            var name = ConstantString(key);
            var deletion = use.TargetMethod.Name == "Delete";
            var useLabel = Label(name);
            if (secure == ValueState.Absent)
            {
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, key.Syntax.GetLocation(), CreationTarget(),
                    Fix(CookieFixData.AddMember, member: "Secure"), useLabel, "has the '" + prefix + "' prefix but is not Secure", Rejected(deletion));
                partitionedReported = true;
            }
            else if (secure == ValueState.Bad && !secureBadReported)
            {
                secureBadReported = true;
                partitionedReported = true;
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, facts.Secure!.Syntax.GetLocation(), facts.Secure.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), useLabel, "has the '" + prefix + "' prefix but sets Secure = false", Rejected(deletion));
            }

            if (!CookieSymbols.IsHostPrefix(prefix))
            {
                continue;
            }

            if (facts.Domain is { } domain && !hostDomainReported && IsNonNullString(domain.Value))
            {
                hostDomainReported = true;
                Report(context, Exemption.None, Descriptors.CookiePrefixViolated, domain.Syntax.GetLocation(), domain.Syntax.GetLocation(),
                    RemoveFix(domain), useLabel, "has the '__Host-' prefix but sets Domain", Rejected(deletion));
            }

            if (facts.Path is { } path && !hostPathReported && path.Value.WalkDownConversions().ConstantValue is { HasValue: true } pathValue && pathValue.Value as string != "/")
            {
                hostPathReported = true;
                Report(context, Exemption.None, Descriptors.CookiePrefixViolated, path.Syntax.GetLocation(), path.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueRootPath), useLabel,
                    pathValue.Value is string p ? "has the '__Host-' prefix but sets Path to '" + p + "' instead of '/'" : "has the '__Host-' prefix but sets no Path", Rejected(deletion));
            }
        }

        if (facts.Partitioned is { } partitioned && !partitionedReported && secure is ValueState.Absent or ValueState.Bad)
        {
            var (fixTarget, properties) = SecureFix(secure, facts, CreationTarget());
            var location = secure == ValueState.Bad ? facts.Secure!.Syntax.GetLocation() : FirstNameLocation(facts.Uses) ?? partitioned.Syntax.GetLocation();
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, location, fixTarget, properties, OptionsLabel(), "is Partitioned but not Secure", "it");
        }

        Location CreationSpan() => creationLocation ??= CreationLocation(creation);

        Location CreationTarget() => creationTarget ??= creation.Syntax.GetLocation();

        List<string> Names() => names ??= NamesOf(facts.Uses, facts.Escapes, out firstName, out allNamesKnown);

        string OptionsLabel()
        {
            if (label is null)
            {
                Names(); // sets firstName
                label = Label(facts.Uses.Count == 1 && !facts.Escapes ? firstName : null);
            }

            return label;
        }
    }

    private static (Location Target, ImmutableDictionary<string, string?> Properties) SecureFix(ValueState secure, OptionsFacts facts, Location creationTarget)
        => secure == ValueState.Bad
            ? (facts.Secure!.Syntax.GetLocation(), Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue))
            : (creationTarget, Fix(CookieFixData.AddMember, member: "Secure"));

    private void CollectInitializerMember(IOperation member, OptionsFacts facts)
    {
        switch (member)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                facts.Record(assignment, target);
                break;
            case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Extensions" }, Initializer: { } collection }:
                foreach (var element in collection.Initializers)
                {
                    if (element is IInvocationOperation add && PartitionedArgument(add) is { } value)
                    {
                        facts.Partitioned = value;
                    }
                }

                break;
        }
    }

    private static IOperation? PartitionedArgument(IInvocationOperation add)
    {
        if (add.TargetMethod.Name != "Add" || add.Arguments.Length != 1)
        {
            return null;
        }

        var value = add.Arguments[0].Value;
        return ConstantString(value) is { } text && string.Equals(text.Trim(), "Partitioned", System.StringComparison.OrdinalIgnoreCase) ? value : null;
    }

    private void CollectLocalUses(IObjectCreationOperation creation, ILocalSymbol local, OptionsFacts facts)
    {
        var start = creation.Syntax.SpanStart;
        var creationBlock = FirstStatement(creation.Syntax)?.Parent;
        foreach (var operation in OperationWalk.Below(creation.GetRoot()))
        {
            // The kind, not a type test, rules out the other operations; the local's name rules out the other locals before
            // a symbol comparison.
            if (operation.Kind != OperationKind.LocalReference)
            {
                continue;
            }

            var reference = (ILocalReferenceOperation)operation;
            var referenced = reference.Local;
            if (!ReferenceEquals(referenced, local) &&
                (!string.Equals(referenced.Name, local.Name, System.StringComparison.Ordinal) || !SymbolEqualityComparer.Default.Equals(referenced, local)))
            {
                continue;
            }

            if (operation.Syntax.SpanStart < start)
            {
                continue;
            }

            var parent = reference.WalkUpConversions();
            switch (parent)
            {
                case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } property when assignment.Target == property && _symbols.IsCookieOptionsProperty(property.Property):
                    facts.Record(assignment, property, conditional: assignment.Syntax.Parent?.Parent != creationBlock);
                    break;
                case IPropertyReferenceOperation { Property.Name: "Extensions", Parent: IInvocationOperation add } extensions when add.Instance == extensions:
                    if (PartitionedArgument(add) is { } value)
                    {
                        facts.Partitioned = value;
                    }

                    break;
                case IPropertyReferenceOperation:
                    break; // a read
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument when IsOptionsArgument(argument, invocation):
                    facts.Uses.Add(invocation);
                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    break; // reassigned: that creation is analysed on its own
                default:
                    facts.Escapes = true; // passed on or stored: names and later changes unknown
                    break;
            }
        }
    }

    private static SyntaxNode? FirstStatement(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private bool IsOptionsArgument(IArgumentOperation argument, IInvocationOperation invocation)
        => argument.Parameter?.Name == "options" &&
           (_symbols.IsResponseCookiesMethod(invocation.TargetMethod, "Append") || _symbols.IsResponseCookiesMethod(invocation.TargetMethod, "Delete"));

    private static ValueState State(ISimpleAssignmentOperation? assignment, bool isCopy)
    {
        if (assignment is null)
        {
            return isCopy ? ValueState.Unknown : ValueState.Absent;
        }

        var value = assignment.Value.WalkDownConversions().ConstantValue;
        return value.HasValue && value.Value is bool flag ? flag ? ValueState.Good : ValueState.Bad : ValueState.Unknown;
    }

    private static List<string> NamesOf(List<IInvocationOperation> uses, bool escapes, out string? first, out bool allKnown)
    {
        var names = new List<string>();
        first = null;
        allKnown = !escapes;
        foreach (var use in uses)
        {
            if (use.TargetMethod.Name == "Delete")
            {
                continue;
            }

            var key = use.GetArgument("key")?.Value;
            var name = key is null ? null : ConstantString(key);
            if (name is null)
            {
                allKnown = false;
                continue;
            }

            first ??= name;
            names.Add(name);
        }

        return names;
    }

    private static Location? FirstNameLocation(List<IInvocationOperation> uses)
    {
        foreach (var use in uses)
        {
            if (use.GetArgument("key")?.Value is { } key)
            {
                return key.Syntax.GetLocation();
            }
        }

        return null;
    }

    private static bool AllScriptReadable(OperationAnalysisContext context, IOperation operation, List<string> names)
    {
        var list = ScriptReadable(context, operation);
        foreach (var name in names)
        {
            if (!CookieSymbols.IsScriptReadable(name, list))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNonNullString(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is string;
        }

        return value is IInterpolatedStringOperation;
    }
}
