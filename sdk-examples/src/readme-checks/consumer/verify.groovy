// The README's consumer project must not pass by running nothing ("Tests run: 0"): its test ran, all of it.
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.BackendSyncTest.xml')
assert report.isFile() : 'the README test (com.example.BackendSyncTest) did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 3 : "expected the README test's 3 tests, ran ${suite.@tests}"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
return true
