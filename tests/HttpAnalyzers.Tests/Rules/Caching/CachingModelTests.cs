using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

/// <summary>The models behind the caching rules: sensitive names, header names and directives.</summary>
public class CachingModelTests
{
    [Theory]
    [InlineData("accessToken", true)]
    [InlineData("access_token", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("apiKey", true)]
    [InlineData("apikey", true)]
    [InlineData("JWTToken", true)]
    [InlineData("sessionId", true)]
    [InlineData("tokenizer", false)]
    [InlineData("passwordless", false)]
    [InlineData("keys", false)]
    [InlineData("authors", false)]
    public void Sensitive_names_match_whole_words(string name, bool expected)
        => Assert.Equal(expected, SensitiveNames.Default.Matches(name));

    [Fact]
    public void Sensitive_names_option_replaces_the_list()
    {
        var names = SensitiveNames.Create(ImmutableArray.Create("pin", "card_number"));
        Assert.True(names.Matches("cardNumber"));
        Assert.True(names.Matches("PIN"));
        Assert.False(names.Matches("accessToken"));
    }

    [Theory]
    [InlineData("CacheControl", "Cache-Control")]
    [InlineData("ETag", "ETag")]
    [InlineData("IfNoneMatch", "If-None-Match")]
    [InlineData("WWWAuthenticate", "WWW-Authenticate")]
    [InlineData("LastModified", "Last-Modified")]
    public void Header_property_names(string property, string header)
        => Assert.Equal(header, HeaderModel.PropertyToHeaderName(property));

    [Fact]
    public void Directives_drop_arguments_and_keep_field_specific_forms()
    {
        var directives = HeaderValues.Parse("Private, no-cache=\"Set-Cookie\", max-age=60, NO-STORE", complete: true);
        Assert.True(directives.Has("private"));
        Assert.True(directives.Has("no-store"));
        Assert.True(directives.Has("max-age="));
        Assert.False(directives.Has("no-cache"));
        Assert.True(directives.Has("no-cache="));
    }
}
