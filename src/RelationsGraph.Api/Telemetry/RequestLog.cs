using System.Diagnostics;

namespace RelationsGraph.Api.Telemetry;

/// <summary>
/// At most one log line per request: method, path, status, duration and GraphQL operation name, at
/// Debug on the category <see cref="Category"/>, so off by default
/// (<c>Logging:LogLevel:RelationsGraph.Requests=Debug</c> turns it on). ASP.NET Core's own request
/// lines are off by default (<see cref="TelemetryHosting.LoggingDefaults"/>).
/// </summary>
public static class RequestLog
{
    public const string Category = "RelationsGraph.Requests";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (http, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                await next(http);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                await next(http);
            }
            catch
            {
                failed = true; // the server answers 500
                throw;
            }
            finally
            {
                logger.LogDebug("{Method} {Path} {Status} {Milliseconds} ms {Operation}", http.Request.Method, http.Request.Path.Value,
                    failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), GraphQLTelemetry.OperationName(http) ?? "-");
            }
        });
    }
}
