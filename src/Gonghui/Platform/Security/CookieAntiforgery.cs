using Microsoft.AspNetCore.Antiforgery;

namespace Gonghui.Platform.Security;

/// <summary>Antiforgery for API uploads that pages post with the sign-in cookie.</summary>
/// <remarks>Form and upload endpoints under /api are called two ways: by scripts and tools with a bearer token (which a
/// forged cross-site request cannot carry) and by the staff pages with the cookie. The framework's own check would refuse
/// the former, so such endpoints turn it off and use this filter instead: a request without a bearer token must carry the
/// page's antiforgery token (form field or RequestVerificationToken header), or it is refused with 400.</remarks>
public static class CookieAntiforgery
{
    public static RouteHandlerBuilder RequireAntiforgeryForCookieCallers(this RouteHandlerBuilder builder) =>
        builder.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (IsBearer(http.Request)) return await next(context);
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            bool valid;
            try { valid = await antiforgery.IsRequestValidAsync(http); }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The upload could not be read."] });
            }
            return valid ? await next(context)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["antiforgery"] = ["The form has expired; reload the page."] });
        });

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
