using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>EF Core types of the state-change model (HTTP0050, HTTP0053).</summary>
internal sealed partial class KnownTypes
{
    public INamedTypeSymbol? DbContext => Type("Microsoft.EntityFrameworkCore.DbContext");
    public INamedTypeSymbol? DbSetOfT => Type("Microsoft.EntityFrameworkCore.DbSet`1");

    /// <summary><c>ExecuteUpdate*</c>/<c>ExecuteDelete*</c> since EF Core 9.</summary>
    public INamedTypeSymbol? EntityFrameworkQueryableExtensions => Type("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");

    /// <summary><c>ExecuteUpdate*</c>/<c>ExecuteDelete*</c> in EF Core 7 and 8 (Microsoft.EntityFrameworkCore.Relational).</summary>
    public INamedTypeSymbol? RelationalQueryableExtensions => Type("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");

    /// <summary>An entity's key (HTTP0053 builds the new resource's location from it).</summary>
    public INamedTypeSymbol? KeyAttribute => Type("System.ComponentModel.DataAnnotations.KeyAttribute");
}
