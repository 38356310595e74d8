// The archetype plugin checks validationRegex only when it prompts; in batch mode (-B, CI) this
// script is what refuses a bad provider id, and it removes what was generated with it.
def id = request.properties.get("providerId")
if (!(id ==~ /[a-z][a-z0-9]{1,39}/)) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException("providerId '" + id + "' is not allowed: use 2 to 40 lower-case letters "
            + "and digits, starting with a letter, e.g. -DproviderId=acme. It becomes the provider's id in "
            + "Tender, its Java package and its class names.")
}
