// A file named like a JAR that is not a ZIP archive.
new File(basedir, 'connector.jar').text = 'this is not a zip file\n'
true
