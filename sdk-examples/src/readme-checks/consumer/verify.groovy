// The README's consumer project must not pass by running nothing ("Tests run: 0"): each test ran, all of it.
[['com.example.BackendSyncTest', 3], ['com.example.ReadmeExampleRunsTest', 1]].each { name, count ->
    def report = new File(basedir, "target/surefire-reports/TEST-${name}.xml")
    assert report.isFile() : "the README test ${name} did not run"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    assert suite.@tests.toInteger() == count : "expected ${count} test(s) in ${name}, ran ${suite.@tests}"
    assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
}
return true
